// The team record's connection, over the top of the content area: a banner while its
// server cannot be reached (Amicus keeps trying, and nothing typed is lost:
// a letter's save waits for the server, see Compose), and a brief word when
// it is back. Both lie over the screen (styles.css, "team record polish")
// rather than push it down: what the user was about to click stays put.
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
    <div className="connection-banners">
      {lost !== null && (
        <div className="banner" role="alert" aria-live="assertive" data-testid="connection-lost">
          The team record's server cannot be reached{lost ? ` (${lost})` : ""}. Amicus keeps trying; what you type
          stays here.
        </div>
      )}
      <div className="banner-back" role="status" aria-live="polite">
        {back && <p className="notice">{back}</p>}
      </div>
    </div>
  );
}
