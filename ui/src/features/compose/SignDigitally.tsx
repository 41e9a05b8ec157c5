// "Sign digitally…": an approved letter is marked signed and each copy gets
// a PAdES digital signature made with the signer's certificate (a PKCS#12
// file and its password). The password is kept only if asked, and then in
// the system keychain, never in the record.
import { useId, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import { Dialog } from "../../components/Dialog";
import { ErrorNote, fieldError, longDate } from "../../components/common";
import type { DigitallySigned } from "../../ipc";

/** The certificate a signer last signed with on this computer: its file, whose it is, until when. */
export interface KeptCertificate {
  path: string;
  name: string | null;
  until: string | null;
}

const certificateKey = (signerId: number) => `amicus.certificate.signer-${signerId}`;

/** The signer's certificate remembered on this computer (never its password). */
export function keptCertificate(signerId: number): KeptCertificate | null {
  try {
    const raw = localStorage.getItem(certificateKey(signerId));
    const kept = raw ? (JSON.parse(raw) as Partial<KeptCertificate>) : null;
    return kept?.path ? { path: kept.path, name: kept.name ?? null, until: kept.until ?? null } : null;
  } catch {
    return null;
  }
}

function keepCertificate(signerId: number, kept: KeptCertificate) {
  try {
    localStorage.setItem(certificateKey(signerId), JSON.stringify(kept));
  } catch {
    // Storage refused: it is chosen again next time.
  }
}

interface Props {
  letterId: number;
  /** Whose certificate it is: the one they last used here is offered again. */
  signerId: number;
  onClose: () => void;
  /** Signed: the certificate's name, and what the signer should know (it expires soon). */
  onSigned: (signed: DigitallySigned) => void;
}

export function SignDigitallyDialog({ letterId, signerId, onClose, onSigned }: Props) {
  const [remembered] = useState(() => keptCertificate(signerId));
  const [certificate, setCertificate] = useState<string | null>(remembered?.path ?? null);
  // Whose it is and until when, known once it has signed here.
  const known = remembered && remembered.path === certificate ? remembered : null;
  const [password, setPassword] = useState("");
  const [remember, setRemember] = useState(false);
  const passwordId = useId();
  const kept = useQuery({
    queryKey: ["certificate-password-kept", certificate],
    queryFn: () => ipc.certificatePasswordKept(certificate ?? ""),
    enabled: !!certificate,
  });
  const sign = useMutation({
    mutationFn: () => ipc.letterSignDigitally(letterId, certificate ?? "", password, remember),
    onSuccess: (signed) => {
      setPassword("");
      if (certificate) keepCertificate(signerId, { path: certificate, name: signed.signer, until: signed.valid_until });
      onSigned(signed);
    },
  });
  const certificateError = fieldError(sign.error, "certificate");
  const choose = async () => {
    const picked = await ipc.chooseCertificate();
    if (picked) {
      setCertificate(picked);
      sign.reset();
    }
  };
  return (
    <Dialog title="Sign digitally" onClose={onClose}>
      <p className="muted">
        The letter is marked signed, and each copy gets a digital signature made with your certificate. The
        signed PDFs are what is exported and sent from then on; anyone can check that they were not changed.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (certificate) sign.mutate();
        }}
      >
        <div className="picker-row">
          <span className="grow">
            Certificate:{" "}
            {known?.name && (
              <>
                <strong>{known.name}</strong>
                {known.until && <>, valid until {longDate(known.until)}</>}
                {" — "}
              </>
            )}
            {certificate ? <code>{certificate}</code> : <span className="muted">none chosen</span>}
          </span>
          <button type="button" onClick={() => void choose()}>
            {certificate ? "Choose another…" : "Choose certificate…"}
          </button>
        </div>
        <label htmlFor={passwordId}>Certificate password</label>
        <input
          id={passwordId}
          type="password"
          autoComplete="off"
          value={password}
          placeholder={kept.data ? "kept in the keychain" : undefined}
          aria-invalid={certificateError ? true : undefined}
          onChange={(e) => setPassword(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          Keep the password in the system keychain
        </label>
        {certificateError && <p className="error field-error">{certificateError}</p>}
        {sign.isError && !certificateError && <ErrorNote error={sign.error} prefix="Not signed" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={!certificate || sign.isPending}>
            {sign.isPending ? "Signing…" : "Sign"}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
