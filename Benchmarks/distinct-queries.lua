-- wrk script for Benchmarks/run: -- Each request asks a different query (a counter in the text), so the response cache never hits.
local words = {"goroutine", "map", "timer", "channel", "slice", "leak", "heap", "mutex", "context", "file"}
counter = 0
request = function()
  counter = counter + 1
  local w = words[(counter % #words) + 1]
  return wrk.format("GET", "/api/search?q=" .. w .. "&limit=10&n=" .. counter)
end
