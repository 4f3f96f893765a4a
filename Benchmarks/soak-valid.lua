-- wrk script for `Benchmarks/run soak`: requests a well-behaved client makes, in turn; every one must be 2xx.
local paths = {
  "/", "/patterns/nil-map.html", "/patterns/map-never-shrinks.html", "/claims.html", "/tags/map.html",
  "/api/search?q=goroutine&limit=5", "/api/search?q=timer", "/api/patterns?kind=leak", "/api/patterns/nil-map",
  "/api/tags", "/healthz", "/search?q=ticker", "/assets/site.css", "/assets/search-data.js",
}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
