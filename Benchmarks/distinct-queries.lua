-- wrk script for Benchmarks/run: ten queries in turn, against a server started with --cache-mib 0.
local words = {"goroutine", "map", "timer", "channel", "slice", "leak", "heap", "mutex", "context", "file"}
counter = 0
request = function()
  counter = counter + 1
  local w = words[(counter % #words) + 1]
  return wrk.format("GET", "/api/search?q=" .. w .. "&limit=10")
end
