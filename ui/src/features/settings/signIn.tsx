// Signing in to the organization's mailbox from any screen (Settings, the
// send dialog): the shell's sign-in, and the sign-in page's address while the
// window waits, to open by hand when no browser started.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { SignIn, SignInPage } from "../../ipc";
import { ErrorNote } from "../../components/common";
import { copyText } from "../../components/clipboard";

/** The sign-in (an administrator's `SignIn` saved first, or null) and its page's address once known. */
export function useMailSignIn() {
  const [page, setPage] = useState<SignInPage | null>(null);
  const signIn = useMutation({
    mutationFn: (s: SignIn | null) => {
      setPage(null);
      return ipc.mailSignIn(s, setPage);
    },
  });
  return { signIn, page };
}

/**
 * The sign-in page's address while the window waits for the browser: why no
 * browser started when none did, and the address to open (or copy) by hand.
 */
export function SignInAddress({ page }: { page: SignInPage }) {
  const copy = useMutation({ mutationFn: () => copyText(page.url, "the sign-in address") });
  return (
    <div className={page.browser_error ? "warning" : undefined}>
      <p className={page.browser_error ? undefined : "muted"}>
        {page.browser_error
          ? `No web browser could be started (${page.browser_error}). Open this address in a browser on this computer to sign in; Amicus is waiting for it:`
          : "If the sign-in page did not open in your browser, open this address there:"}
      </p>
      <div className="actions">
        <input
          readOnly
          aria-label="Sign-in address"
          value={page.url}
          onFocus={(e) => e.currentTarget.select()}
          style={{ flex: 1, minWidth: 0 }}
        />
        <button type="button" onClick={() => copy.mutate()}>
          Copy address
        </button>
      </div>
      {copy.isSuccess && <p className="muted">The address is on the clipboard.</p>}
      {copy.isError && <ErrorNote error={copy.error} prefix="Not copied" />}
    </div>
  );
}
