import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Catalog, ClockView, LetterSummary, LogEntry, NewLetter, RecordArea, TeamConnection, TeamStatus } from "../ipc";

export function renderWithQuery(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

export const page = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 612 792"><text>${text}</text></svg>`;

/** A live-preview page: its drawing (the text in its overlay), keyed by its text (what the shell's digest stands for). */
export const livePage = (text: string) => ({
  key: `k:${text}`,
  drawing: { width: 612, height: 792, overlay: page(text), lines: [] },
});

export const catalog: Catalog = {
  templates: [
    { key: "joint-support", name: "Letter of support (joint)", description: "Support", builtin: true, version: 1, source: "{{date}}" },
    { key: "thanks", name: "Thank-you letter", description: "Thanks", builtin: true, version: 1, source: "{{date}}" },
  ],
  issues: [
    {
      issue: { id: 1, name: "U.S.–Korea Free Trade Agreement (KORUS)", summary: "", staff_contact: null },
      positions: [
        {
          position: { id: 2, issue_id: 1, issue: "KORUS", version: 2, stance: "support", adopted_on: "2017-09-01", statement: "Reaffirm.", rationale: "" },
          letters: [{ id: 1, date: "2017-09-05", subject: "Continued support", status: "sent" }],
        },
        {
          position: { id: 1, issue_id: 1, issue: "KORUS", version: 1, stance: "support", adopted_on: "2011-09-20", statement: "Ratify.", rationale: "" },
          letters: [],
        },
      ],
    },
  ],
  signers: [{ id: 1, name: "Jordan A. Whitfield", title: "Vice President", has_signature: false }],
  default_language: "en-US",
  languages: [
    { tag: "en-US", name: "English (United States)" },
    { tag: "fr-CA", name: "Français (Canada)" },
  ],
  states: [
    { name: "California", code: "CA" },
    { name: "Ohio", code: "OH" },
    { name: "Washington", code: "WA" },
  ],
  offices: [
    { id: 10, title: "Secretary of Commerce", short_name: "Commerce", organization: "U.S. Department of Commerce", kind: "cabinet_secretary", single_holder: true, address: [], retired_on: null, email: null, contact_form: null },
    { id: 11, title: "United States Trade Representative", short_name: "USTR", organization: "Office of the United States Trade Representative", kind: "trade_representative", single_holder: true, address: [], retired_on: null, email: null, contact_form: null },
  ],
};

export const letters: LetterSummary[] = [
  { id: 1, date: "2017-09-05", subject: "Continued support for KORUS", status: "sent", mode: "joint", issue: "KORUS", recipients: ["Wilbur Ross (Secretary of Commerce)"], addressed_to: ["Wilbur Ross (Secretary of Commerce)"], revision_of: null, updated_at: "2017-09-05T16:00:00Z", copies: 2, copies_sent: 2, deleted_at: null, deleted_by: null },
  { id: 2, date: "2018-09-24", subject: "The amended KORUS", status: "draft", mode: "joint", issue: "KORUS", recipients: ["Robert E. Lighthizer (United States Trade Representative)"], addressed_to: ["Robert E. Lighthizer (United States Trade Representative)"], revision_of: null, updated_at: "2018-09-20T16:00:00Z", copies: 1, copies_sent: 0, deleted_at: null, deleted_by: null },
];

export const logEntry = (over: Partial<LogEntry>): LogEntry => ({
  letter_id: 1,
  recipient_id: 1,
  date: "2017-09-05",
  subject: "Continued support for KORUS",
  status: "sent",
  issue: "KORUS",
  person: "Wilbur Ross",
  office: "Secretary of Commerce",
  role: "to",
  method: "mail",
  sent_at: "2017-09-05T16:00:00Z",
  confirmation: null,
  follow_up_on: "2017-10-05",
  reply_on: null,
  reply_notes: null,
  owner: null,
  overdue: false,
  contacts: 0,
  last_contact: null,
  snoozes: 0,
  ord: 1,
  ...over,
});

/** The `i`th item, failing the test if there is none. */
export function nth<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`expected at least ${i + 1} items, got ${xs.length}`);
  return x;
}

/** The organization's clock as Rust would give it (ipc.clock). */
export const clockView: ClockView = { today: "2026-03-10", time_zone: "America/New_York", end_of_week: "2026-03-15" };

/** A new letter's defaults as Rust would give them (ipc.letterBlank). */
export const blankLetter: NewLetter = {
  template: "joint-support",
  position_id: null,
  signer_id: 1,
  date: "2026-03-10",
  subject: "",
  body: "",
  mode: "joint",
  recipients: [],
  extra: { cc: [], enclosures: [], fields: {}, paper: null, groups: [], paragraphs: [] },
};

/**
 * A stand-in for the backend's `record-changed` event: pass `listen` as
 * ipc.onRecordChanged's implementation, then `fire` events at what listens.
 */
export function fakeRecordEvents() {
  const handlers = new Set<(areas: RecordArea[]) => void>();
  return {
    listen: (handler: (areas: RecordArea[]) => void) => {
      handlers.add(handler);
      return Promise.resolve(() => {
        handlers.delete(handler);
      });
    },
    fire: (areas: RecordArea[]) => handlers.forEach((h) => h(areas)),
    /** How many are listening now. */
    listening: () => handlers.size,
  };
}

/**
 * A stand-in for the backend's `team-connection` event: pass `listen` as
 * ipc.onTeamConnection's implementation, then `fire` "lost" or "back".
 */
export function fakeTeamConnection() {
  const handlers = new Set<(connection: TeamConnection) => void>();
  return {
    listen: (handler: (connection: TeamConnection) => void) => {
      handlers.add(handler);
      return Promise.resolve(() => {
        handlers.delete(handler);
      });
    },
    fire: (connection: TeamConnection) => handlers.forEach((h) => h(connection)),
    /** How many are listening now. */
    listening: () => handlers.size,
  };
}

/** This computer's own record (ipc.teamStatus on a single-user file). */
export const ownRecord: TeamStatus = {
  team: null,
  file: "/home/staff/.local/share/amicus/amicus.db",
  session: { user: null, roles: ["drafter", "approver", "signer", "admin"] },
};

/** Dana's session on the team record (ipc.teamStatus). */
export const danaOnTeam: TeamStatus = {
  team: "dana@db.example.org/amicus",
  file: null,
  session: { user: "dana", roles: ["drafter"] },
};
