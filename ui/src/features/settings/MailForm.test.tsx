import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MailForm } from "./MailForm";
import { renderWithQuery } from "../../test/fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  mailSettings: vi.fn(),
  mailSettingsSave: vi.fn(),
  mailPasswordForget: vi.fn(),
}));
import * as ipc from "../../ipc";

describe("Settings → Sending email", () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(ipc.mailSettings).mockResolvedValue({ settings: null, password_kept: false });
  });

  it("saves the server with the password for the keychain, and says where the password went", async () => {
    vi.mocked(ipc.mailSettingsSave).mockResolvedValue("this_session");
    renderWithQuery(<MailForm />);
    await userEvent.type(await screen.findByLabelText("Mail server"), "smtp.lakeshore.example");
    await userEvent.selectOptions(screen.getByLabelText("Security"), "tls");
    expect((screen.getByLabelText("Port") as HTMLInputElement).value).toBe("465");
    await userEvent.type(screen.getByLabelText("Send from (address)"), "trade@lakeshore.example");
    await userEvent.type(screen.getByLabelText(/User name/), "trade");
    await userEvent.type(screen.getByLabelText(/Password/), "s3cret");
    await userEvent.click(screen.getByRole("button", { name: "Save mail settings" }));
    expect(ipc.mailSettingsSave).toHaveBeenCalledWith(
      {
        server: "smtp.lakeshore.example",
        port: 465,
        security: "tls",
        username: "trade",
        from_address: "trade@lakeshore.example",
        from_name: null,
        ca_file: null,
      },
      "s3cret",
    );
    expect((await screen.findByRole("status")).textContent).toContain("kept only until Amicus closes");
    expect((screen.getByLabelText(/Password/) as HTMLInputElement).value).toBe("");
  });

  it("shows a refusal at its field and keeps what was typed", async () => {
    vi.mocked(ipc.mailSettingsSave).mockRejectedValue({
      code: "invalid_data",
      field: "from_address",
      message: "from_address: \"trade desk\" is not an e-mail address; write it as name@example.org",
    });
    renderWithQuery(<MailForm />);
    await userEvent.type(await screen.findByLabelText("Mail server"), "smtp.lakeshore.example");
    await userEvent.type(screen.getByLabelText("Send from (address)"), "trade desk");
    await userEvent.click(screen.getByRole("button", { name: "Save mail settings" }));
    expect(await screen.findByText(/"trade desk" is not an e-mail address/)).toBeTruthy();
    expect(screen.getByLabelText("Send from (address)").getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByLabelText("Mail server") as HTMLInputElement).value).toBe("smtp.lakeshore.example");
  });
});
