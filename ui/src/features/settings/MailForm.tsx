// Settings → Sending email: the organization's mail server, the sender, and
// the login's password (kept in the system keychain, never in the record);
// or signing in to the organization's mailbox (Microsoft 365, Google
// Workspace, an OpenID provider) in the system browser instead.
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { Handover, MailSecurity, MailSettings, MailView, Provider, UsualPorts } from "../../ipc";
import { ErrorNote, fieldError, useMay } from "../../components/common";
import { keys } from "../../queries";
import { useAdminOnly } from "./adminOnly";
import { SignInAddress, useMailSignIn } from "./signIn";

/** Nothing set up yet: STARTTLS on its usual port (Rust's). */
const blank = (ports: UsualPorts): MailSettings => ({
  server: "",
  port: ports.starttls,
  security: "starttls",
  username: null,
  from_address: "",
  from_name: null,
  ca_file: null,
  handover: "smtp",
  sign_in: null,
  api_url: null,
});

/** "Sign in with Microsoft". */
export const providerName = (p: Provider) =>
  p === "microsoft" ? "Microsoft" : p === "google" ? "Google" : "your organization's account";

function Form({ start, passwordKept }: { start: MailView; passwordKept: boolean }) {
  const port = start.usual_ports;
  const [m, setM] = useState<MailSettings>(start.settings ?? blank(port));
  const [password, setPassword] = useState("");
  const opt = (v: string) => (v.trim() ? v : null);
  // What to save is passed at the click: the mutation's own options are
  // refreshed only after the next paint, which may be later than the click.
  const save = useMutation({
    mutationFn: (v: { m: MailSettings; password: string }) => ipc.mailSettingsSave(v.m, v.password || null),
    onSuccess: () => setPassword(""),
  });
  const forget = useMutation({ mutationFn: ipc.mailPasswordForget });
  const { signIn, page } = useMailSignIn();
  const signOut = useMutation({ mutationFn: ipc.mailSignOut, onSuccess: () => signIn.reset() });
  const err = (f: string) => fieldError(save.error, f);
  const shown = ["server", "port", "from_address", "username", "password", "ca_file", "client_id", "issuer", "handover", "sign_in"];
  const other = save.isError && !shown.some((f) => err(f));
  // The mail server is the organization's; the password goes with it (the
  // keychain is written only once the settings are saved).
  const admin = useAdminOnly("the mail server settings");
  // The account's password is this computer's, not the record's: anyone who
  // sends may keep it (saving the settings unchanged writes nothing there).
  const saved = start.settings;
  const ownPassword = admin.locked && !!saved?.username;
  return (
    <form
      className="panel"
      aria-labelledby="mail-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!admin.locked) save.mutate({ m, password });
        else if (ownPassword && saved && password) save.mutate({ m: saved, password });
      }}
    >
      <h2 id="mail-title">Sending email</h2>
      {admin.note}
      <p className="muted">
        Letters go by e-mail through the organization's mail server, one message per copy with the signed PDF
        attached. The password is kept in the system keychain, never in the record.
      </p>
      <div className="grid2">
        <label>
          Mail server
          <input
            {...admin.field}
            value={m.server}
            placeholder="smtp.example.org"
            aria-invalid={!!err("server")}
            onChange={(e) => setM((m) => ({ ...m, server: e.target.value }))}
          />
        </label>
        <div className="picker-row">
          <label className="grow">
            Security
            <select
              {...admin.field}
              value={m.security}
              onChange={(e) => {
                const security = e.target.value as MailSecurity;
                // The usual port follows the choice unless someone typed another.
                setM((m) => ({ ...m, security, port: m.port === port[m.security] ? port[security] : m.port }));
              }}
            >
              <option value="starttls">STARTTLS</option>
              <option value="tls">TLS</option>
            </select>
          </label>
          <label>
            Port
            <input
              {...admin.field}
              inputMode="numeric"
              size={6}
              value={m.port || ""}
              aria-invalid={!!err("port")}
              onChange={(e) => setM((m) => ({ ...m, port: Number(e.target.value.replace(/\D/g, "")) || 0 }))}
            />
          </label>
        </div>
      </div>
      {err("server") && <p className="error field-error">{err("server")}</p>}
      {err("port") && <p className="error field-error">{err("port")}</p>}
      <div className="grid2">
        <label>
          Send from (address)
          <input
            {...admin.field}
            value={m.from_address}
            placeholder="trade@example.org"
            aria-invalid={!!err("from_address")}
            onChange={(e) => setM((m) => ({ ...m, from_address: e.target.value }))}
          />
        </label>
        <label>
          Sender's name
          <input value={m.from_name ?? ""} {...admin.field} onChange={(e) => setM((m) => ({ ...m, from_name: opt(e.target.value) }))} />
        </label>
      </div>
      {err("from_address") && <p className="error field-error">{err("from_address")}</p>}
      <div className="grid2">
        <label>
          User name (when the server asks for a login)
          <input
            {...admin.field}
            value={m.username ?? ""}
            autoComplete="off"
            aria-invalid={!!err("username")}
            onChange={(e) => setM((m) => ({ ...m, username: opt(e.target.value) }))}
          />
        </label>
        <label>
          Password {passwordKept ? "(kept; type to replace)" : ""}
          <input
            {...(ownPassword ? {} : admin.field)}
            type="password"
            value={password}
            autoComplete="new-password"
            aria-invalid={!!err("password")}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      </div>
      {err("username") && <p className="error field-error">{err("username")}</p>}
      {err("password") && <p className="error field-error">{err("password")}</p>}
      <div className="picker-row">
        <label className="grow">
          Organization's CA certificate (only if the server's is not publicly trusted)
          <input
            {...admin.field}
            value={m.ca_file ?? ""}
            placeholder="None"
            aria-invalid={!!err("ca_file")}
            onChange={(e) => setM((m) => ({ ...m, ca_file: opt(e.target.value) }))}
          />
        </label>
        <button
          type="button"
          {...admin.field}
          onClick={async () => {
            const pem = await ipc.choosePem();
            if (pem) setM((m) => ({ ...m, ca_file: pem }));
          }}
        >
          Choose…
        </button>
      </div>
      {err("ca_file") && <p className="error field-error">{err("ca_file")}</p>}
      <fieldset>
        <legend>Sign in to the organization's mailbox (Microsoft 365, Google Workspace)</legend>
        <div className="grid2">
          <label>
            Sign in with
            <select
              {...admin.field}
              value={m.sign_in?.provider ?? ""}
              onChange={(e) => {
                const provider = e.target.value as Provider | "";
                setM((m) => ({
                  ...m,
                  handover: provider ? m.handover : "smtp",
                  sign_in: provider
                    ? { provider, client_id: m.sign_in?.client_id ?? "", client_secret: null, tenant: null, issuer: null }
                    : null,
                }));
              }}
            >
              <option value="">No sign-in (a password, or none)</option>
              <option value="microsoft">Microsoft</option>
              <option value="google">Google</option>
              <option value="oidc">Another OpenID provider</option>
            </select>
          </label>
          {m.sign_in && (
            <label>
              Send through
              <select
                {...admin.field}
                value={m.handover}
                onChange={(e) => setM((m) => ({ ...m, handover: e.target.value as Handover }))}
              >
                <option value="smtp">The mail server above (SMTP)</option>
                {m.sign_in.provider !== "google" && <option value="graph">Microsoft Graph</option>}
                {m.sign_in.provider !== "microsoft" && <option value="gmail">The Gmail API</option>}
              </select>
            </label>
          )}
        </div>
        {m.sign_in && (
          <div className="grid2">
            <label>
              Application (client) ID
              <input
                {...admin.field}
                value={m.sign_in.client_id}
                aria-invalid={!!err("client_id")}
                onChange={(e) => setM((m) => (m.sign_in ? { ...m, sign_in: { ...m.sign_in, client_id: e.target.value } } : m))}
              />
            </label>
            {m.sign_in.provider === "microsoft" && (
              <label>
                Tenant (directory ID or domain)
                <input
                  {...admin.field}
                  value={m.sign_in.tenant ?? ""}
                  placeholder="organizations"
                  onChange={(e) => setM((m) => (m.sign_in ? { ...m, sign_in: { ...m.sign_in, tenant: opt(e.target.value) } } : m))}
                />
              </label>
            )}
            {m.sign_in.provider === "google" && (
              <label>
                Client secret (Google desktop apps)
                <input
                  {...admin.field}
                  value={m.sign_in.client_secret ?? ""}
                  onChange={(e) =>
                    setM((m) => (m.sign_in ? { ...m, sign_in: { ...m.sign_in, client_secret: opt(e.target.value) } } : m))
                  }
                />
              </label>
            )}
            {m.sign_in.provider === "oidc" && (
              <label>
                Issuer
                <input
                  {...admin.field}
                  value={m.sign_in.issuer ?? ""}
                  placeholder="https://login.example.org/realms/staff"
                  aria-invalid={!!err("issuer")}
                  onChange={(e) => setM((m) => (m.sign_in ? { ...m, sign_in: { ...m.sign_in, issuer: opt(e.target.value) } } : m))}
                />
              </label>
            )}
          </div>
        )}
        {err("client_id") && <p className="error field-error">{err("client_id")}</p>}
        {err("issuer") && <p className="error field-error">{err("issuer")}</p>}
        {err("handover") && <p className="error field-error">{err("handover")}</p>}
        {err("sign_in") && <p className="error field-error">{err("sign_in")}</p>}
        {m.sign_in && (
          <>
            <p className="muted" aria-live="polite" data-testid="mailbox-sign-in">
              {signIn.isPending
                ? "Finish signing in in your browser…"
                : (signIn.data?.user ?? start.signed_in_as)
                  ? `Signed in as ${signIn.data?.user ?? start.signed_in_as}.`
                  : "No one is signed in to the mailbox on this computer."}
              {signIn.data?.kept === "this_session" &&
                " No system keychain is running, so the sign-in lasts only until Amicus closes."}
            </p>
            {signIn.isPending && page && <SignInAddress page={page} />}
            {signIn.isError && <ErrorNote error={signIn.error} prefix="Not signed in" />}
            {signOut.isError && <ErrorNote error={signOut.error} prefix="Not signed out" />}
            <div className="actions">
              {start.signed_in_as && (
                <button type="button" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
                  Sign out
                </button>
              )}
              {signIn.isPending && (
                <button type="button" onClick={() => void ipc.mailSignInCancel()}>
                  Cancel the sign-in
                </button>
              )}
              <button
                type="button"
                disabled={signIn.isPending || !m.sign_in.client_id.trim()}
                onClick={() => {
                  signOut.reset();
                  signIn.mutate(admin.locked ? null : m.sign_in);
                }}
              >
                Sign in with {providerName(m.sign_in.provider)}
              </button>
            </div>
          </>
        )}
      </fieldset>
      {other && <ErrorNote error={save.error} prefix="Not saved" />}
      {forget.isError && <ErrorNote error={forget.error} prefix="Not forgotten" />}
      <div className="actions">
        {passwordKept && (
          <button type="button" disabled={forget.isPending} onClick={() => forget.mutate()}>
            Forget password
          </button>
        )}
        {ownPassword ? (
          <button type="submit" className="primary" disabled={!password || save.isPending}>
            Keep password on this computer
          </button>
        ) : null}
        <button
          type={ownPassword ? "button" : "submit"}
          className={ownPassword ? undefined : "primary"}
          disabled={admin.locked || save.isPending}
          {...admin.explain}
        >
          Save mail settings
        </button>
      </div>
      <div role="status" aria-live="polite">
        {save.isSuccess && (
          <p className="notice">
            Saved.
            {save.data === "keychain" && " The password is in the system keychain."}
            {save.data === "this_session" &&
              " No system keychain is running, so the password is kept only until Amicus closes."}
          </p>
        )}
      </div>
    </form>
  );
}

export function MailForm() {
  const mail = useQuery({ queryKey: keys.mail, queryFn: ipc.mailSettings });
  const may = useMay();
  if (mail.isError) return <ErrorNote error={mail.error} />;
  if (!mail.data) return null;
  // The form keeps what was typed (and its "Saved" notice) while the record
  // refreshes underneath; only whether a password is kept follows it. A
  // session that may not change the settings (useAdminOnly) types none of
  // them: its form always shows the record's, started afresh when an
  // administrator changes them (a "settings" change refetches keys.mail).
  const key = may("admin") ? "editing" : JSON.stringify(mail.data.settings);
  return <Form key={key} start={mail.data} passwordKept={mail.data.password_kept} />;
}
