import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SignDigitallyDialog, keptCertificate } from "./SignDigitally";
import { renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  chooseCertificate: vi.fn(),
  certificatePasswordKept: vi.fn(),
  letterSignDigitally: vi.fn(),
}));
import * as ipc from "../../ipc";

const P12 = "/home/jordan/certs/whitfield.p12";

describe("Sign digitally", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    localStorage.clear();
    vi.mocked(ipc.certificatePasswordKept).mockResolvedValue(false);
  });

  it("remembers the signer's certificate, and shows whose it is and until when, never the password", async () => {
    vi.mocked(ipc.chooseCertificate).mockResolvedValue(P12);
    vi.mocked(ipc.letterSignDigitally).mockResolvedValue({ signer: "Jordan A. Whitfield", warnings: [], valid_until: "2027-03-01" });
    const signed = vi.fn();
    const first = renderWithQuery(<SignDigitallyDialog letterId={2} signerId={1} onClose={vi.fn()} onSigned={signed} />);
    expect(screen.getByText("none chosen")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Choose certificate…" }));
    await userEvent.type(screen.getByLabelText("Certificate password"), "s3cret");
    await userEvent.click(screen.getByRole("button", { name: "Sign" }));
    await waitFor(() => expect(signed).toHaveBeenCalled());
    expect(ipc.letterSignDigitally).toHaveBeenCalledWith(2, P12, "s3cret", false);
    expect(keptCertificate(1)).toEqual({ path: P12, name: "Jordan A. Whitfield", until: "2027-03-01" });
    expect(JSON.stringify(localStorage)).not.toContain("s3cret");
    first.unmount();

    // The next letter this signer signs: the same certificate, named.
    renderWithQuery(<SignDigitallyDialog letterId={3} signerId={1} onClose={vi.fn()} onSigned={vi.fn()} />);
    expect(screen.getByText("Jordan A. Whitfield")).toBeTruthy();
    expect(screen.getByText(/valid until March 1, 2027/)).toBeTruthy();
    expect(screen.getByText(P12)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Choose another…" })).toBeTruthy();
  });

  it("offers another signer nothing of the first one's", () => {
    localStorage.setItem("amicus.certificate.signer-1", JSON.stringify({ path: P12, name: "Jordan A. Whitfield", until: "2027-03-01" }));
    renderWithQuery(<SignDigitallyDialog letterId={3} signerId={2} onClose={vi.fn()} onSigned={vi.fn()} />);
    expect(screen.getByText("none chosen")).toBeTruthy();
    expect(screen.queryByText("Jordan A. Whitfield")).toBeNull();
  });

  it("says a wrong password at the password, keeping the certificate chosen", async () => {
    localStorage.setItem("amicus.certificate.signer-1", JSON.stringify({ path: P12, name: "Jordan A. Whitfield", until: "2027-03-01" }));
    vi.mocked(ipc.letterSignDigitally).mockRejectedValue({
      code: "invalid_data",
      field: "certificate",
      message: "the password is wrong for this certificate file",
    });
    renderWithQuery(<SignDigitallyDialog letterId={3} signerId={1} onClose={vi.fn()} onSigned={vi.fn()} />);
    await userEvent.type(screen.getByLabelText("Certificate password"), "wrong");
    await userEvent.click(screen.getByRole("button", { name: "Sign" }));
    expect(await screen.findByText(/the password is wrong for this certificate file/i)).toBeTruthy();
    expect(screen.getByText(P12)).toBeTruthy();
  });
});
