"""A test's event-stream follower: reads GET .../events in a thread and queues each event."""

from __future__ import annotations

import json
import queue
import threading
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass
class Received:
    id: str
    kind: str
    data: Any
    text: str  # the raw data line, to check what never appears in it


class Follower:
    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.events: queue.Queue[Received | BaseException] = queue.Queue()
        self.status: int | None = None
        self.raw: list[str] = []
        self.stopped = threading.Event()
        self.opened = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(url, headers or {}), daemon=True)
        self.thread.start()
        if not self.opened.wait(10):
            raise TimeoutError(f"no response from {url}")

    def _run(self, url: str, headers: dict[str, str]) -> None:
        try:
            with httpx.stream("GET", url, headers=headers, timeout=30, trust_env=False) as resp:
                self.status = resp.status_code
                self.opened.set()
                self._read(resp)
            self.events.put(EOFError("the stream ended"))
        except BaseException as err:  # noqa: BLE001 - handed to the test thread
            self.events.put(err)
        finally:
            self.opened.set()

    def _read(self, response: httpx.Response) -> None:
        fields: dict[str, str] = {}
        for line in response.iter_lines():
            self.raw.append(line)
            if self.stopped.is_set():
                return
            if line == "":
                if "event" in fields:
                    data = fields.get("data", "")
                    self.events.put(
                        Received(fields.get("id", ""), fields["event"], json.loads(data), data)
                    )
                fields = {}
            elif not line.startswith(":"):
                name, _, value = line.partition(":")
                fields[name] = value.removeprefix(" ")

    def next(self, kind: str | None = None, timeout: float = 5) -> Received:
        """The next event (of ``kind``, skipping others)."""
        while True:
            item = self.events.get(timeout=timeout)
            if isinstance(item, BaseException):
                raise item
            if kind is None or item.kind == kind:
                return item

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
