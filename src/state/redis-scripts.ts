// The Lua scripts that make a turn atomic in Redis: take a place in line, get the turn, commit, forget, release.
// Every key of a conversation shares its hash tag, so each script touches one cluster slot.
import { luaScript } from './redis-connection.js';

/**
 * A "queue" hash per conversation: `next` is the last ticket handed out, `now` the ticket being served
 * (absent = 1). A ticket's holder keeps `<queue>:<ticket>` alive while it waits and while it works;
 * a ticket whose key has expired belongs to a dead process and is skipped.
 */
const SERVE = `
local function serve(queue, ticket)
  local now = tonumber(redis.call('HGET', queue, 'now') or '1')
  while now < ticket and redis.call('EXISTS', queue .. ':' .. now) == 0 do now = now + 1 end
  redis.call('HSET', queue, 'now', now)
  return now
end
`;

/**
 * Turn state read when the turn is ours: the session, the profile (when it shares the slot) and
 * whether the update was already handled. KEYS: queue, session, seen, transcript[, profile] | ARGV: ticket, updateId
 */
const READ = `
local function read(ticket)
  local seen = false
  if ARGV[2] ~= '' then seen = redis.call('ZSCORE', KEYS[3], ARGV[2]) ~= false end
  local profile = false
  if KEYS[5] then profile = redis.call('GET', KEYS[5]) end
  return { ticket, ticket, redis.call('GET', KEYS[2]) or false, profile, seen and 1 or 0 }
end
`;

/** KEYS: queue, session, seen, transcript[, profile] | ARGV: ('' | ticket), updateId, leaseMs, queueTtlMs → { ticket, now, session, profile, seen } */
const TAKE_TURN = `${SERVE}${READ}
local queue = KEYS[1]
local ticket = tonumber(ARGV[1])
if not ticket then
  ticket = redis.call('HINCRBY', queue, 'next', 1)
  redis.call('SET', queue .. ':' .. ticket, '1', 'PX', ARGV[3])
  -- The usual case: nobody in line, the turn is ours at once.
  if ticket == 1 then
    redis.call('PEXPIRE', queue, ARGV[4])
    return read(ticket)
  end
else
  redis.call('SET', queue .. ':' .. ticket, '1', 'PX', ARGV[3])
end
local now = serve(queue, ticket)
if now ~= ticket then return { ticket, now } end
return read(ticket)
`;

/** Lets the next ticket in, and wakes waiting processes only when someone waits. */
const RELEASE = `
local function release(queue, ticket, channel)
  redis.call('DEL', queue .. ':' .. ticket)
  local last = tonumber(redis.call('HGET', queue, 'next') or '0')
  if ticket >= last then
    redis.call('DEL', queue)
  else
    redis.call('HSET', queue, 'now', ticket + 1)
    redis.call('PUBLISH', channel, queue)
  end
end
local function holding(queue, ticket)
  return tonumber(redis.call('HGET', queue, 'now') or '1') == ticket and redis.call('EXISTS', queue .. ':' .. ticket) == 1
end
`;

/**
 * KEYS: queue, session, seen, transcript[, profile]
 * ARGV: ticket, channel, session JSON, session TTL, updateId, now ms, dedupe TTL, profile JSON | '', profile TTL, trim (0 | 1),
 *       transcript TTL, transcript lines kept, then the lines to append (none or more, oldest first)
 */
const COMMIT = `${RELEASE}
local queue, ticket = KEYS[1], tonumber(ARGV[1])
if not holding(queue, ticket) then return redis.error_reply('LEASE_LOST') end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
if ARGV[5] ~= '' then
  redis.call('ZADD', KEYS[3], ARGV[6], ARGV[5])
  -- Old ids are dropped now and then (ARGV[10] = 1), not on every turn: the set stays small either way.
  if ARGV[10] == '1' then redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', tonumber(ARGV[6]) - tonumber(ARGV[7])) end
  redis.call('PEXPIRE', KEYS[3], ARGV[7])
end
if KEYS[5] then
  -- A profile in use stays: written when it changed, its idle TTL renewed otherwise.
  if ARGV[8] ~= '' then redis.call('SET', KEYS[5], ARGV[8], 'PX', ARGV[9]) else redis.call('PEXPIRE', KEYS[5], ARGV[9]) end
end
if #ARGV > 12 then
  -- The lines come last, as many as the turn has: one RPUSH, then only the newest are kept.
  redis.call('RPUSH', KEYS[4], unpack(ARGV, 13))
  redis.call('LTRIM', KEYS[4], -tonumber(ARGV[12]), -1)
  redis.call('PEXPIRE', KEYS[4], ARGV[11])
end
release(queue, ticket, ARGV[2])
return 'OK'
`;

/**
 * KEYS: queue, then every key to delete: session, seen, transcript, reference[, profile] | ARGV: ticket, channel
 * Unlike TAKE_TURN and COMMIT, it takes the reference: only "delete my data" touches it inside a turn.
 */
const FORGET = `${RELEASE}
local queue, ticket = KEYS[1], tonumber(ARGV[1])
redis.call('DEL', unpack(KEYS, 2))
if holding(queue, ticket) then release(queue, ticket, ARGV[2]) end
return 'OK'
`;

/** KEYS: queue | ARGV: ticket, channel */
const RELEASE_TURN = `${RELEASE}
local queue, ticket = KEYS[1], tonumber(ARGV[1])
if holding(queue, ticket) then release(queue, ticket, ARGV[2]) end
return 'OK'
`;

/** The scripts as node-redis registers them: methods of the store's client, named apart from Redis's own commands. */
export const turnScripts = {
  takeTurn: luaScript(TAKE_TURN),
  commitTurn: luaScript(COMMIT),
  forgetTurn: luaScript(FORGET),
  releaseTurn: luaScript(RELEASE_TURN),
};
