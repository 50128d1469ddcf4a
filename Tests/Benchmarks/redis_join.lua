-- The admission check of the Redis baseline in `make bench` (huanju-loadgen redis), the same
-- rule as the room-session service's Join: a viewer is admitted when already present (a
-- rejoin never counts twice) or when the room is below its limit.
--   KEYS[1]  the room's set of present viewers
--   ARGV[1]  the viewer id
--   ARGV[2]  the room's viewer limit
-- Returns 1 when admitted, 0 when the room is full.
if redis.call('SCARD', KEYS[1]) < tonumber(ARGV[2]) or redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  redis.call('SADD', KEYS[1], ARGV[1])
  return 1
end
return 0
