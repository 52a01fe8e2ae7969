"""Start and stop a `scenewright serve` process for the scripts in scripts/ and Tests/Browser/.

    with ScenewrightServer(binary, db_path, ["--rate-limit", "0"]) as server:
        status, headers, body = server.request("GET", "/healthz")
"""
import http.client
import json
import os
import re
import signal
import subprocess
import time


class ScenewrightServer:
    """A server on 127.0.0.1 with a free port, its database at `db_path`."""

    def __init__(self, binary, db_path, arguments=(), log_path=None, port=None):
        """`db_path` is a SQLite file or a postgres:// URL (then give `log_path`). Without `port`
        the first start picks a free one; a restart keeps it, so a load balancer in front still finds it."""
        self.binary, self.db_path, self.arguments = binary, db_path, list(arguments)
        self.log_path = log_path or db_path + ".log"
        self.process, self.port = None, port

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout=180):
        log = open(self.log_path, "a")
        offset = log.tell()   # a restart appends: read only what this process writes
        self.process = subprocess.Popen(
            [self.binary, "serve", "--port", str(self.port or 0), "--db", self.db_path, *self.arguments],
            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            with open(self.log_path) as reader:
                reader.seek(offset)
                match = re.findall(r"listening on http://127\.0\.0\.1:(\d+)", reader.read())
            if match:
                self.port = int(match[-1])
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}); see {self.log_path}")
            time.sleep(0.1)
        raise RuntimeError(f"the server did not start in {timeout} s; see {self.log_path}")

    def stop(self, grace=20):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self):
        """SIGKILL: no shutdown, no flush — what a power cut looks like to the process."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None, headers=None, timeout=120):
        """Sends one request (the path exactly as given, never normalised); returns status, headers, body bytes."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        all_headers = {"Content-Type": "application/json"} if body is not None else {}
        all_headers.update(headers or {})
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def create_key(self, scope="admin", name="script"):
        """A key made with `scenewright keys create` on the same database (the server may be running)."""
        out = subprocess.run([self.binary, "keys", "create", "--db", self.db_path, "--name", name, "--scope", scope,
                              "--log-level", "error"], capture_output=True, text=True, check=True).stdout
        return re.search(r"sw_[0-9a-f]+_[A-Za-z0-9_-]+", out).group(0)
