// The top of the tree: keeps queries in step with the record's changes, and
// shows the app once start-up has opened the record (or why it could not).
import { App } from "./App";
import { StartupGate } from "./features/startup/Startup";
import { useRecordEvents } from "./recordEvents";

export function Root() {
  useRecordEvents();
  return (
    <StartupGate>
      <App />
    </StartupGate>
  );
}
