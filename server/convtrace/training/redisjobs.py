"""The Redis side of a training job, shared by the API (redis-py asyncio) and the workers
(redis-py, inside RQ): key names and the two atomic transitions (Lua), so that whoever gets
there first, a worker finishing, a cancel or the watchdog, a job ends exactly once.

Keys (expiring ``KEEP_S`` after the job ends):

    ct:train:{id}          hash: client, job (JSON), state, attempt, rq, step, steps, network,
                           test_accuracy, reason
    ct:train:{id}:events   stream: the event log; stream ids are the SSE ids
    ct:train:{id}:start    the network to start from (``networks.pack``)
    ct:train:{id}:resume   hash: step, blob: the last checkpoint's weights and optimizer state
    ct:train:{id}:cancel   set when cancelled; a running worker reads it every 0.1 s
    ct:train:clients       hash: client -> its queued or running job (one per client)
    ct:train:running       sorted set: job -> heartbeat deadline (the watchdog's list)
    ct:net:{id}            a checkpoint network (``networks.pack``), ``NET_TTL_S``
"""

from __future__ import annotations

from convtrace.networks import DAY_S
from convtrace.networks_redis import BLOB

PREFIX = "ct:train:"
CLIENTS = PREFIX + "clients"
RUNNING = PREFIX + "running"
QUEUE = "convtrace-train"  # the RQ queue
RQ_QUEUE_KEY = "rq:queue:" + QUEUE
NET_PREFIX = BLOB  # the network store's own key scheme (networks_redis), so any API worker reads it
NET_TTL_S = int(DAY_S)
KEEP_S = 3600
STREAM_MAXLEN = 5000  # a 60 s job emits ~400 events
HEARTBEAT_S = 3.0  # a running job not heard from for this long is taken for lost
MAX_ATTEMPTS = 2  # a lost job is retried once from its last checkpoint, then failed


def job_key(job_id: str) -> str:
    return PREFIX + job_id


def events_key(job_id: str) -> str:
    return PREFIX + job_id + ":events"


def start_key(job_id: str) -> str:
    return PREFIX + job_id + ":start"


def resume_key(job_id: str) -> str:
    return PREFIX + job_id + ":resume"


def cancel_key(job_id: str) -> str:
    return PREFIX + job_id + ":cancel"


def all_keys(job_id: str) -> list[str]:
    return [job_key(job_id), events_key(job_id), start_key(job_id), resume_key(job_id)]


# KEYS: job hash, events, clients, running, start, resume; ARGV: id, kind, data (JSON), keep_s.
# Ends the job once: an already ended job is left alone (returns 0).
FINISH = """
local state = redis.call('HGET', KEYS[1], 'state')
if not state or state == 'done' or state == 'failed' or state == 'cancelled' then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', 5000, '*', 'kind', ARGV[2], 'data', ARGV[3])
local client = redis.call('HGET', KEYS[1], 'client')
if client and redis.call('HGET', KEYS[3], client) == ARGV[1] then
  redis.call('HDEL', KEYS[3], client)
end
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('DEL', KEYS[5], KEYS[6])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
"""

# KEYS: job hash, running; ARGV: id, deadline, attempt. Starts a queued job (returns 1), unless
# it has ended or another attempt owns it.
START = """
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'queued' or redis.call('HGET', KEYS[1], 'attempt') ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], 'state', 'running')
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1
"""


def finish_keys(job_id: str) -> list[str]:
    return [
        job_key(job_id),
        events_key(job_id),
        CLIENTS,
        RUNNING,
        start_key(job_id),
        resume_key(job_id),
    ]
