import { useDeferredValue, useState } from "react";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { LogCursor, LogEntry, LogFilter, Method } from "../../ipc";
import { ErrorNote, METHOD_LABEL, StatusChip, longDate, useClock } from "../../components/common";
import { DateField } from "../../components/DateField";
import type { Choice } from "../../components/SearchSelect";
import { catalogQuery, keys } from "../../queries";
import { OfficeSearch, PersonSearch } from "../officials/pickers";
import { MarkSentDialog, ReplyCell, ReplyDialog } from "./dialogs";
import { FollowUpButtons, FollowUpDialog, FollowUpHistory, logChoicesQuery, type FollowUpAction } from "./followups";

/**
 * Rows a page of the log holds; the next page starts after its last row.
 * A hundred is several screens, and on a team record every open window reads
 * its page again when a colleague changes a letter: fifty staff at once on a
 * 2-core server kept every read under 20 ms at the 95th percentile with pages
 * of 100, not with pages of 500 (crates/store/benches/load.rs, issue 33).
 */
export const LOG_PAGE = 100;

/** Where a row stands in the log's order: the next page starts after it. */
const cursorOf = (e: LogEntry): LogCursor => ({ date: e.date, letter_id: e.letter_id, ord: e.ord });

interface Props {
  onOpen: (letterId: number) => void;
  /** Start filtered to the letters sent to this group (its label). */
  group?: string;
}

export function SentLog({ onOpen, group: startGroup }: Props) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  // Follow-ups due with no reply: by today, or by the end of this week.
  const [due, setDue] = useState<"" | "today" | "week">("");
  const dueOnly = due !== "";
  const [includeUnsent, setIncludeUnsent] = useState(false);
  const [method, setMethod] = useState<Method | "">("");
  const [reply, setReply] = useState<"" | "replied" | "waiting">("");
  const [person, setPerson] = useState<Choice | null>(null);
  // What is typed in the Recipient box before anyone is picked filters too
  // (every word in the name or the office), and Export CSV writes just that.
  const [recipientText, setRecipientText] = useState("");
  const recipientWords = useDeferredValue(person ? "" : recipientText.trim());
  const [office, setOffice] = useState<Choice | null>(null);
  const [issueId, setIssueId] = useState<number | null>(null);
  // A group the letter went to (its label), and whose follow-ups: "" anyone's, "mine", or a name.
  const [group, setGroup] = useState(startGroup ?? "");
  const [owner, setOwner] = useState("");
  const catalog = useQuery(catalogQuery);
  const choices = useQuery(logChoicesQuery);
  const [acting, setActing] = useState<{ entry: LogEntry; action: FollowUpAction } | null>(null);
  const [sending, setSending] = useState<LogEntry | null>(null);
  const [replying, setReplying] = useState<LogEntry | null>(null);
  // "Due" is reckoned on the organization's today and week, from Rust (and
  // each row says whether it is overdue).
  const clock = useClock();
  const filter: LogFilter = {
    issue_id: issueId,
    person_id: person?.id ?? null,
    office_id: office?.id ?? null,
    status: null,
    from: from || null,
    to: to || null,
    follow_up_due: !clock || !dueOnly ? null : due === "week" ? clock.end_of_week : clock.today,
    limit: LOG_PAGE,
    include_unsent: includeUnsent,
    method: method || null,
    replied: reply === "" ? null : reply === "replied",
    owner: owner && owner !== "mine" ? owner : null,
    mine: owner === "mine",
    group: group || null,
    recipient: recipientWords || null,
    after: null,
  };
  // The filters behind "More filters" that are set: counted on its button.
  const moreSet = [office, group, method, reply, due, owner, includeUnsent].filter(Boolean).length;
  // Open from the start when one of them comes set (a group's "Sent log").
  const [moreOpen, setMore] = useState(!!startGroup);
  const filtered = !!(issueId !== null || person || recipientWords || office || from || to || dueOnly || method || reply || group || owner);
  // A page at a time: "Show more" asks for the rows after the last one
  // shown (keyset paging, so a copy sent meanwhile repeats none of them).
  const log = useInfiniteQuery({
    queryKey: keys.sentLogWith(filter),
    queryFn: ({ pageParam }) => ipc.sentLog({ ...filter, after: pageParam }),
    initialPageParam: null as LogCursor | null,
    getNextPageParam: (page: LogEntry[]) => {
      const last = page.at(-1);
      return page.length < LOG_PAGE || !last ? undefined : cursorOf(last);
    },
    // "Due" needs today; until the clock answers there is nothing to ask.
    enabled: !dueOnly || clock !== undefined,
  });
  const rows = log.data?.pages.flat();
  const csv = useMutation({
    mutationFn: async () => {
      const path = await ipc.chooseSavePath("sent-log.csv", { name: "CSV", extensions: ["csv"] });
      if (!path) return null;
      await ipc.sentLogCsv(filter, path);
      return path;
    },
  });

  return (
    <section className="screen wide" aria-labelledby="log-title">
      <header className="screen-head">
        <h1 id="log-title">Sent log</h1>
        <button type="button" onClick={() => csv.mutate()} disabled={csv.isPending}>
          Export CSV…
        </button>
      </header>
      {/* The filters most reached for in one wrapping row; the rest behind
          "More filters", which counts those set so none is forgotten. */}
      <div className="filters compact" role="group" aria-label="Filters">
        <PersonSearch label="Recipient" chosen={person} onChoose={setPerson} onText={setRecipientText} placeholder="Anyone" />
        <label>
          Issue
          <select value={String(issueId ?? "")} onChange={(e) => setIssueId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">Any issue</option>
            {(catalog.data?.issues ?? []).map((i) => (
              <option key={i.issue.id} value={i.issue.id}>
                {i.issue.name}
              </option>
            ))}
          </select>
        </label>
        <DateField label="From" value={from} placeholder="Any date" quiet onChange={(d) => setFrom(d)} />
        <DateField label="To" value={to} placeholder="Any date" quiet onChange={(d) => setTo(d)} />
        <button
          type="button"
          className="more-filters"
          aria-expanded={moreOpen}
          aria-controls="more-filters"
          onClick={() => setMore(!moreOpen)}
        >
          {moreOpen ? "Fewer filters" : "More filters"}
          {moreSet > 0 && <span className="count"> ({moreSet} set)</span>}
        </button>
      </div>
      {moreOpen && (
        <div className="filters" id="more-filters" role="group" aria-label="More filters">
          <OfficeSearch label="Office" offices={catalog.data?.offices ?? []} chosen={office} onChoose={setOffice} placeholder="Any office" />
          <label>
            Group
            <select value={group} onChange={(e) => setGroup(e.target.value)}>
              <option value="">Any group or none</option>
              {(choices.data?.groups ?? []).map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </label>
          <label>
            How
            <select value={method} onChange={(e) => setMethod(e.target.value as Method | "")}>
              <option value="">Any way</option>
              {(Object.entries(METHOD_LABEL) as [Method, string][]).map(([m, label]) => (
                <option key={m} value={m}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reply
            <select value={reply} onChange={(e) => setReply(e.target.value as "" | "replied" | "waiting")}>
              <option value="">Either</option>
              <option value="replied">Replied</option>
              <option value="waiting">No reply yet</option>
            </select>
          </label>
          <label>
            Follow-ups
            <select value={due} onChange={(e) => setDue(e.target.value as "" | "today" | "week")}>
              <option value="">Any</option>
              <option value="today">Due by today, no reply</option>
              <option value="week">Due this week, no reply</option>
            </select>
          </label>
          <label>
            Whose
            <select value={owner} onChange={(e) => setOwner(e.target.value)}>
              <option value="">Anyone's</option>
              <option value="mine">{choices.data?.me ? `Mine (${choices.data.me})` : "Mine (assigned to nobody else)"}</option>
              {(choices.data?.owners ?? [])
                .filter((o) => o !== choices.data?.me)
                .map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={includeUnsent} onChange={(e) => setIncludeUnsent(e.target.checked)} />
            Include copies not sent yet
          </label>
        </div>
      )}
      <div role="status" aria-live="polite">
        {csv.data && <p className="notice">Saved to {csv.data}</p>}
      </div>
      {csv.isError && <ErrorNote error={csv.error} prefix="CSV not saved" />}
      {log.isPending && <p className="empty">Loading the log…</p>}
      {log.isError && !log.isFetchNextPageError && <ErrorNote error={log.error} prefix="The log could not be loaded" />}
      {rows && rows.length === 0 && (
        <p className="empty">
          {filtered
            ? "No copy matches these filters."
            : includeUnsent
              ? "Nothing here yet: letters appear once they have recipients."
              : "No copy has been sent yet. Tick “Include copies not sent yet” to see drafts and signed letters."}
        </p>
      )}
      {rows && rows.length > 0 && (
        <div className="table-scroll">
          <table className="table sent-log" aria-label="Sent log">
            <thead>
              <tr>
                <th scope="col" className="letter">Letter</th>
                <th scope="col" className="recipient">Recipient</th>
                <th scope="col" className="sent">Sent</th>
                <th scope="col" className="date">Follow up</th>
                <th scope="col" className="date">Reply</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.recipient_id} className={e.overdue ? "overdue" : undefined}>
                  <td className="letter">
                    <button type="button" className="link" onClick={() => onOpen(e.letter_id)}>
                      {e.subject}
                    </button>
                    <div className="muted nowrap">{longDate(e.date)}</div>
                  </td>
                  <td className="recipient">
                    {e.person ?? "(no holder on record)"}
                    {e.office && <div className="muted">{e.office}</div>}
                    {e.role === "cc" && <span className="muted"> (cc)</span>}
                  </td>
                  <td className="sent">
                    {e.sent_at ? (
                      <>
                        <span className="nowrap">{longDate(e.sent_at)}</span>
                        {e.method && (
                          <>
                            , <span className="nowrap">{METHOD_LABEL[e.method]}</span>
                          </>
                        )}
                        {e.confirmation && <div className="muted confirmation">{e.confirmation}</div>}
                      </>
                    ) : e.status === "signed" || e.status === "sent" ? (
                      <button type="button" className="small" onClick={() => setSending(e)}>
                        Mark sent…
                      </button>
                    ) : (
                      <StatusChip status={e.status} />
                    )}
                  </td>
                  <td className="date">
                    {longDate(e.follow_up_on) || "—"}
                    {e.overdue && (
                      <div>
                        <span className="chip chip-overdue">Overdue</span>
                      </div>
                    )}
                    {e.owner && <div className="muted">{e.owner}</div>}
                    <FollowUpHistory entry={e} />
                    {e.sent_at && (
                      <FollowUpButtons
                        due={e.follow_up_on}
                        replied={!!e.reply_on}
                        onAction={(action) => setActing({ entry: e, action })}
                      />
                    )}
                  </td>
                  <td className="date">
                    <ReplyCell
                      replyOn={e.reply_on}
                      replyNotes={e.reply_notes}
                      sent={!!e.sent_at}
                      onRecord={() => setReplying(e)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {log.hasNextPage && (
            <p className="more-rows">
              <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
                {log.isFetchingNextPage ? "Loading…" : `Show the next ${LOG_PAGE}`}
              </button>{" "}
              <span className="muted">{rows.length} shown</span>
            </p>
          )}
          {log.isFetchNextPageError && <ErrorNote error={log.error} prefix="The next rows could not be loaded" />}
        </div>
      )}
      {sending && (
        <MarkSentDialog
          recipient={{ id: sending.recipient_id, name: sending.person, office: sending.office }}
          letterDate={sending.date}
          onClose={() => setSending(null)}
          onDone={() => setSending(null)}
        />
      )}
      {acting && (
        <FollowUpDialog
          action={acting.action}
          copy={{ id: acting.entry.recipient_id, name: acting.entry.person, office: acting.entry.office }}
          due={acting.entry.follow_up_on}
          owner={acting.entry.owner}
          onClose={() => setActing(null)}
        />
      )}
      {replying && (
        <ReplyDialog
          recipient={{ id: replying.recipient_id, name: replying.person, office: replying.office }}
          onClose={() => setReplying(null)}
          onDone={() => setReplying(null)}
        />
      )}
    </section>
  );
}
