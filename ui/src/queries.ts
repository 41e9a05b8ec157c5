// Every query key the app uses, in one place, and which of them each kind
// of record change makes stale. Mutations do not invalidate anything
// themselves: the backend announces each change (`record-changed`, with
// the areas it touched) and useRecordEvents (recordEvents.ts) invalidates
// the keys listed in AREA_KEYS here, whatever made the change.
import { queryOptions, type QueryClient, type QueryKey } from "@tanstack/react-query";
import * as ipc from "./ipc";
import type { LogFilter, RecordArea, Status, TemplateDraft } from "./ipc";

/**
 * Query keys. A bare array is the prefix shared by every query of that
 * kind (what invalidation matches); a function gives one query's key.
 */
export const keys = {
  startup: ["startup"],
  /** Which record the window works on, and as whom (a team record's session). */
  teamStatus: ["team-status"],
  clock: ["clock"],
  /** Templates, issues and positions, signers and offices: what the letter form chooses from. */
  catalog: ["catalog"],
  letters: ["letters"],
  lettersWith: (status: Status | "") => ["letters", status],
  /** The deleted drafts (under "letters": a change to the letters makes it stale too). */
  deletedLetters: ["letters", "deleted"],
  letter: ["letter"],
  letterById: (id: number | null) => ["letter", id],
  /** A new letter's defaults. */
  letterBlank: ["letter-blank"],
  /** A new letter copied from another (by source id and date). */
  letterCopy: ["letter-copy"],
  draftPreview: ["draft-preview"],
  positionInForce: ["position-in-force"],
  positionInForceOn: (issueId: number, date: string) => ["position-in-force", issueId, date],
  sentLog: ["log"],
  sentLogWith: (filter: LogFilter) => ["log", filter],
  /** The quick snooze choices of a copy and the day each gives (they follow the copy's follow-up). */
  snoozeChoices: (recipientId: number) => ["log", "snooze", recipientId],
  /** The follow-up a copy sent at a moment gets by default (the day depends on the time zone). */
  followUpDefault: ["follow-up-default"],
  followUpDefaultAt: (at: string) => ["follow-up-default", at],
  officials: ["officials"],
  officialsMatching: (filter: string) => ["officials", filter],
  /** The officials screen's page (rows and the total), apart from the bare lists above. */
  officialsPageMatching: (filter: string, offset = 0) => ["officials", "page", filter, offset],
  offices: ["offices"],
  officesMatching: (filter: string) => ["offices", filter],
  office: ["office"],
  officeById: (id: number) => ["office", id],
  person: ["person"],
  personById: (id: number) => ["person", id],
  /** The positions screen: each issue's versions with the letters citing them. */
  issues: ["issues"],
  /** An issue's page (its record over a range, and its paragraph). */
  issuePage: ["issue-page"],
  issuePageFor: (issue: number, from: string, to: string) => ["issue-page", issue, from, to],
  /** How the newsletter's position paragraph is worded. */
  paragraphWording: ["paragraph-wording"],
  templates: ["templates"],
  templateCheck: (draft: TemplateDraft) => ["templates", "check", draft],
  letterhead: ["letterhead"],
  /** Stock paragraphs. */
  paragraphs: ["paragraphs"],
  paragraphsMatching: (search: string, issue: number | null) => ["paragraphs", search, issue],
  /** Committees (recipient groups); a group's members on a date. */
  groups: ["groups"],
  groupOn: (group: unknown, on: string) => ["groups", group, on],
  /** The mail server letters are e-mailed through. */
  mail: ["mail"],
  settings: ["settings"],
  search: ["search"],
  searchFor: (text: string) => ["search", text],
} as const satisfies Record<string, QueryKey | ((...args: never[]) => QueryKey)>;

/**
 * What a change to each area makes stale. Besides the obvious: positions
 * cite letters (issues overview); offices, positions, templates and
 * signers are all in the catalog; today's date depends on the time zone
 * (settings); a new letter's defaults name a template and a signer; and
 * the preview of an unsaved letter is laid out from officials, positions,
 * templates and the letterhead.
 */
export const AREA_KEYS: Record<RecordArea, readonly QueryKey[]> = {
  letters: [keys.letters, keys.letter, keys.sentLog, keys.issues, keys.issuePage, keys.search],
  officials: [
    keys.officials,
    keys.groups,
    keys.offices,
    keys.office,
    keys.person,
    keys.catalog,
    keys.search,
    keys.draftPreview,
    keys.issuePage,
  ],
  positions: [keys.catalog, keys.issues, keys.issuePage, keys.positionInForce, keys.search, keys.draftPreview],
  templates: [keys.catalog, keys.templates, keys.letterBlank, keys.draftPreview, keys.paragraphs],
  settings: [
    keys.letterhead,
    keys.mail,
    keys.settings,
    keys.catalog,
    keys.clock,
    keys.followUpDefault,
    keys.letterBlank,
    keys.draftPreview,
    keys.issuePage,
    keys.paragraphWording,
  ],
};

/** The keys to invalidate when `areas` changed, each once. */
export function keysFor(areas: readonly RecordArea[]): QueryKey[] {
  const seen = new Map<string, QueryKey>();
  for (const area of areas) {
    for (const key of AREA_KEYS[area] ?? []) seen.set(JSON.stringify(key), key);
  }
  return [...seen.values()];
}

/** Whether the record opened. Asked once; asked again after the user opens or restores one. */
export const startupQuery = queryOptions({
  queryKey: keys.startup,
  queryFn: ipc.startup,
  staleTime: Infinity,
});

/** Which record the window works on (a team record or this computer's file), and as whom. */
export const teamStatusQuery = queryOptions({ queryKey: keys.teamStatus, queryFn: ipc.teamStatus });

/**
 * The window now works on another record (a team record connected, or this
 * computer's own again): every query starts afresh, but start-up's answer,
 * so the app stays on the screen it shows rather than opening again.
 */
export function recordSwitched(client: QueryClient): Promise<void> {
  return client.resetQueries({ predicate: (q) => q.queryKey[0] !== keys.startup[0] });
}

/**
 * The organization's today. Fresh for a minute; App keeps one observer
 * refreshing it every minute, so the date turns over at midnight there.
 */
export const clockQuery = queryOptions({
  queryKey: keys.clock,
  queryFn: ipc.clock,
  staleTime: 60_000,
});

export const catalogQuery = queryOptions({ queryKey: keys.catalog, queryFn: ipc.catalog });

/** The position version in force on `date` for an issue (null: none adopted by then). */
export const positionInForceQuery = (issueId: number, date: string) =>
  queryOptions({
    queryKey: keys.positionInForceOn(issueId, date),
    queryFn: () => ipc.positionInForce(issueId, date),
    // A change to the positions invalidates it (AREA_KEYS).
    staleTime: 30_000,
  });
