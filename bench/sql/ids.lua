-- wrk script for bench/catalog-reads: each request takes a random id from ids.txt (md5(n)::uuid for n in
-- 1..100000, written by the bench script with each asset's version) or a random search word; "revalidate" sends
-- the asset's current ETag in If-None-Match (and counts anything but a 304 as an error); reports p50/p99 in a
-- parseable line. "id-hot" and "revalidate-hot" draw from the first BENCH_HOT ids only: the popular listings most
-- reads of a large catalog are for, which fit each replica's asset cache.
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

local ids = {}
local versions = {}
local mode = "id"

init = function(args)
  mode = args[1] or "id"
  local limit = math.huge
  if mode:sub(-4) == "-hot" then
    mode = mode:sub(1, -5)
    limit = tonumber(os.getenv("BENCH_HOT"))
  end
  if mode == "id" or mode == "revalidate" then
    for line in io.lines(os.getenv("BENCH_IDS")) do
      if #ids >= limit then
        break
      end
      local id, version = line:match("^(%S+)%s+(%S+)$")
      ids[#ids + 1] = id
      versions[#versions + 1] = version
    end
  end
  math.randomseed(os.time() + math.random(1000))
  unexpected = 0
  if mode == "revalidate" then
    -- Defined only here: wrk reads every answer's headers and body for a script that has it.
    response = function(status, headers, body)
      if status ~= 304 then
        unexpected = unexpected + 1
      end
    end
  end
end

request = function()
  if mode == "id" then
    return wrk.format("GET", "/v1/assets/" .. ids[math.random(#ids)])
  end
  if mode == "revalidate" then
    local i = math.random(#ids)
    return wrk.format("GET", "/v1/assets/" .. ids[i], { ["If-None-Match"] = '"' .. versions[i] .. '"' })
  end
  return wrk.format("GET", "/v1/search?q=word" .. math.random(50) .. "&sort=relevance")
end

done = function(summary, latency, requests)
  local wrong = 0
  for _, thread in ipairs(threads) do
    wrong = wrong + (thread:get("unexpected") or 0)
  end
  io.write(string.format("requests=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, wrong + summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
