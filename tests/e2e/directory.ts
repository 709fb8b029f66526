// A Custodian Directory server in its own process, for the specs that stop and start it.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

import { DIRECTORY_BINARY, DIRECTORY_KEY } from "./app";

export interface Directory {
  url: string;
  org: string;
  stop(): Promise<void>;
}

/** A call to the directory's HTTP API, as the admin's key. */
export async function api<T>(directory: Directory, path: string, body?: unknown): Promise<T> {
  const answer = await fetch(`${directory.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${DIRECTORY_KEY}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`${path}: HTTP ${answer.status}`);
  return (await answer.json()) as T;
}

interface User {
  accountId: string;
  email: string;
  name: string;
  managementSource: string | null;
  platformRoles?: string[];
  productAccess?: unknown[];
}

/** An invited, active, managed account, not an admin, with a signed-in browser, two or more
 * API tokens and not every product: one every account operation can be tried on. */
export async function everydayAccount(directory: Directory): Promise<User> {
  const found = await api<{ data: User[] }>(directory, `/admin/v2/orgs/${directory.org}/directories/-/users/search`, {
    claimStatus: "managed",
    status: ["active"],
    limit: 100,
    expand: ["platformRoles", "productAccess"],
  });
  for (const user of found.data) {
    if (user.managementSource !== "invited" || (user.platformRoles ?? []).length > 0) continue;
    if ((user.productAccess ?? []).length >= 4) continue;
    const devices = await api<{ data: { kind: string; session: { state: string } }[] }>(directory, `/users/${user.accountId}/manage/devices`);
    const tokens = await api<unknown[]>(directory, `/users/${user.accountId}/manage/api-tokens`);
    if (tokens.length >= 2 && devices.data.some((d) => d.kind === "browser" && d.session.state === "active")) return user;
  }
  throw new Error("the seed has no account every operation can be tried on");
}

/** `extensions: false` serves only Atlassian's public API, as Atlassian Cloud does. */
export async function startDirectory(db: string, listen = "127.0.0.1:0", { extensions = true } = {}): Promise<Directory> {
  const child: ChildProcess = spawn(
    DIRECTORY_BINARY,
    ["--listen", listen, "--db", db, "--seed-accounts", "300", ...(extensions ? [] : ["--no-extensions"])],
    { env: { ...process.env, CUSTODIAN_DIRECTORY_API_KEY: DIRECTORY_KEY }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const stdout = child.stdout;
  if (!stdout) throw new Error("the directory server has no stdout");
  // Its first line is the URL it listens on.
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`custodian-directory exited with ${code}`)));
  });
  const answer = await fetch(`${url}/admin/v1/orgs`, { headers: { Authorization: `Bearer ${DIRECTORY_KEY}` } });
  const orgs = (await answer.json()) as { data: { id: string }[] };
  const org = orgs.data[0]?.id;
  if (!org) throw new Error("the directory server has no organization");
  return {
    url,
    org,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
