-- wrk script for `Benchmarks/run soak`: what a hostile client sends: junk query strings on every route
-- (each distinct), oversized and odd queries, unknown paths, wrong methods, traversal attempts.
-- (HEAD comes from a curl loop in Benchmarks/run: wrk waits for a body after a HEAD answer's Content-Length.)
local long = string.rep("a", 4000)
counter = 0
request = function()
  counter = counter + 1
  local n = counter
  local kind = n % 8
  if kind == 0 then return wrk.format("GET", "/assets/search-data.js?junk=" .. n) end
  if kind == 1 then return wrk.format("GET", "/api/patterns?k=" .. n .. "&x=" .. long) end
  if kind == 2 then return wrk.format("GET", "/patterns/nil-map.html?n=" .. n .. "&utm=" .. long) end
  if kind == 3 then return wrk.format("GET", "/api/search?q=" .. long .. n) end
  if kind == 4 then return wrk.format("GET", "/search?q=%ff%fe" .. n .. "&q=" .. n) end
  if kind == 5 then return wrk.format("GET", "/no/such/page/" .. n) end
  if kind == 6 then return wrk.format("POST", "/patterns/nil-map.html", {["Content-Type"] = "text/plain"}, "x") end
  return wrk.format("GET", "/patterns/..%2f..%2fetc%2fpasswd" .. n .. ".html")
end
