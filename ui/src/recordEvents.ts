// Keeps what is on screen in step with the record: the backend announces
// every change (`record-changed`, with the areas it touched) and this
// invalidates the queries those areas feed (queries.ts, AREA_KEYS). On a
// team record colleagues' changes arrive the same way, and the connection
// to its server is announced as lost and back (`team-connection`).
import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import * as ipc from "./ipc";
import type { TeamConnection } from "./ipc";
import { keysFor } from "./queries";

/** Listen for record changes while mounted. Mount once, at the root. */
export function useRecordEvents() {
  const client = useQueryClient();
  useEffect(() => {
    const stop = ipc.onRecordChanged((areas) => {
      for (const queryKey of keysFor(areas)) void client.invalidateQueries({ queryKey });
    });
    stop.catch((e: unknown) => console.error("Amicus will not see changes to the record:", e));
    return () => {
      void stop.then(
        (unlisten) => unlisten(),
        () => undefined,
      );
    };
  }, [client]);
}

/**
 * Call `handler` while mounted each time the team record's server is lost
 * or back (the banner; a letter whose save waits for the server). The
 * handler may change from render to render: the latest one is called.
 */
export function useTeamConnection(handler: (connection: TeamConnection) => void) {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const stop = ipc.onTeamConnection((connection) => latest.current(connection));
    stop.catch((e: unknown) => console.error("Amicus will not see the team record's connection:", e));
    return () => {
      void stop.then(
        (unlisten) => unlisten(),
        () => undefined,
      );
    };
  }, []);
}
