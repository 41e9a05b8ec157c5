// The top of the tree: keeps queries in step with the record's changes, and
// shows the app once start-up has opened the record (or why it could not),
// with the toasts said over the whole window (WindowToast).
import { App } from "./App";
import { StartupGate } from "./features/startup/Startup";
import { useRecordEvents } from "./recordEvents";
import { WindowToast } from "./components/Toast";

export function Root() {
  useRecordEvents();
  return (
    <WindowToast>
      <StartupGate>
        <App />
      </StartupGate>
    </WindowToast>
  );
}
