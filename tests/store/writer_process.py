"""A writer in its own process, for the concurrency and crash tests (run as a script, not collected).

    python writer_process.py DB hold N    ingest N articles, print "published", wait for a line on stdin,
                                          ingest N more, print "published" again, wait, exit
    python writer_process.py DB ingest N  ingest N articles in batches of 8, printing the count after each
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta

from store_helpers import StubCoder, news

from eventwire.store.writer import Store

SENTENCES = ("RUS accused UKR.", "USA met CHN.", "UKR attacked RUSMIL in UKR.", "IRN praised RUS.")


def generated(start: int, n: int) -> list:
    return [news(f"g{i:05d}", SENTENCES[i % 4], SENTENCES[(i * 7) % 4],
                 published=date(2024, 1, 1) + timedelta(days=i % 40), source=f"wire-{i % 5}")
            for i in range(start, start + n)]


class SlowCoder(StubCoder):
    def code_article(self, article):
        time.sleep(0.01)
        return super().code_article(article)


def main() -> None:
    db, mode, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "hold":
        with Store(db) as store:
            for start in (0, n):
                store.ingest(generated(start, n), StubCoder())
                print("published", flush=True)
                sys.stdin.readline()
    else:
        with Store(db, batch_size=8) as store:
            done = 0

            def report(k: int) -> None:
                nonlocal done
                done += k
                print(done, flush=True)

            store.ingest(generated(0, n), SlowCoder(), progress=report)


if __name__ == "__main__":
    main()
