import { useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import { ErrorNote, StatusChip, longDate } from "../../components/common";
import { keys } from "../../queries";

export function Positions({ onOpen }: { onOpen: (id: number) => void }) {
  const issues = useQuery({ queryKey: keys.issues, queryFn: ipc.issuesOverview });
  return (
    <section className="screen" aria-labelledby="positions-title">
      <header className="screen-head">
        <h1 id="positions-title">Positions</h1>
      </header>
      {issues.isError && <ErrorNote error={issues.error} prefix="Positions could not be loaded" />}
      {issues.data && issues.data.length === 0 && <p className="empty">No issues yet.</p>}
      {issues.data?.map((i) => (
        <article key={i.issue.id} className="panel">
          <h2>{i.issue.name}</h2>
          <p className="muted">{i.issue.summary}</p>
          {i.positions.map((v) => (
            <div key={v.position.id} className="version">
              <h3>
                Version {v.position.version}: {v.position.stance}{" "}
                <span className="muted">adopted {longDate(v.position.adopted_on)}</span>
              </h3>
              <p>{v.position.statement}</p>
              {v.position.rationale && <p className="muted">{v.position.rationale}</p>}
              {v.letters.length === 0 ? (
                <p className="muted">No letter cites this version.</p>
              ) : (
                <ul aria-label={`Letters citing version ${v.position.version}`}>
                  {v.letters.map((l) => (
                    <li key={l.id}>
                      <button type="button" className="link" onClick={() => onOpen(l.id)}>
                        {longDate(l.date)} — {l.subject}
                      </button>{" "}
                      <StatusChip status={l.status} />
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </article>
      ))}
    </section>
  );
}
