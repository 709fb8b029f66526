// A Custodian Directory server in its own process, for the specs that stop and start it.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

import { DIRECTORY_BINARY, DIRECTORY_KEY } from "./app";

export interface Directory {
  url: string;
  org: string;
  stop(): Promise<void>;
}

export async function startDirectory(db: string, listen = "127.0.0.1:0"): Promise<Directory> {
  const child: ChildProcess = spawn(
    DIRECTORY_BINARY,
    ["--listen", listen, "--db", db, "--seed-accounts", "300"],
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
