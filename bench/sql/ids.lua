-- wrk script for bench/catalog-reads: each request takes a random id from ids.txt (md5(n)::uuid for n in
-- 1..100000, written by the bench script) or a random search word; reports p50/p99 in a parseable line.
local ids = {}
local mode = "id"

init = function(args)
  mode = args[1] or "id"
  if mode == "id" then
    for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
  end
  math.randomseed(os.time() + math.random(1000))
end

request = function()
  if mode == "id" then
    return wrk.format("GET", "/v1/assets/" .. ids[math.random(#ids)])
  end
  return wrk.format("GET", "/v1/search?q=word" .. math.random(50) .. "&sort=relevance")
end

done = function(summary, latency, requests)
  io.write(string.format("requests=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
