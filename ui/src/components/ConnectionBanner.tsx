// The team record's connection, at the top of the window: a banner while its
// server cannot be reached (Amicus keeps trying, and nothing typed is lost:
// a letter's save waits for the server, see Compose), and a brief word when
// it is back.
import { useState } from "react";
import { useTeamConnection } from "../recordEvents";
import { useNotice } from "./Toast";

export function ConnectionBanner() {
  // Why the server cannot be reached, while it cannot.
  const [lost, setLost] = useState<string | null>(null);
  const [back, setBack] = useNotice(6_000);
  useTeamConnection((connection) => {
    if (connection.state === "lost") {
      setLost(connection.message.trim().replace(/\.+$/, ""));
      setBack(null);
    } else {
      setLost(null);
      setBack("Connected to the team record again");
    }
  });
  return (
    <>
      {lost !== null && (
        <div className="banner" role="alert" data-testid="connection-lost">
          The team record's server cannot be reached{lost ? ` (${lost})` : ""}. Amicus keeps trying; what you type
          stays here.
        </div>
      )}
      <div className="banner-back" role="status" aria-live="polite">
        {back && <p className="notice">{back}</p>}
      </div>
    </>
  );
}
