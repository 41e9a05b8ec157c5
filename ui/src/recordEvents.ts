// Keeps what is on screen in step with the record: the backend announces
// every change (`record-changed`, with the areas it touched) and this
// invalidates the queries those areas feed (queries.ts, AREA_KEYS).
import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import * as ipc from "./ipc";
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
