// Starts GraphiQL against this router: queries and mutations over HTTP, subscriptions over
// graphql-transport-ws on the same /graphql. A WebSocket carries no headers, so the
// Authorization header typed in GraphiQL's header editor goes into `connection_init`, which
// is where the router reads it; a changed header opens a new socket.
(function () {
  var endpoint = new URL("/graphql", window.location.href);
  var wsEndpoint = endpoint.href.replace(/^http/, "ws");
  var fetchers = {};

  function authorizationOf(headers) {
    if (!headers) return "";
    for (var name in headers) {
      if (name.toLowerCase() === "authorization") return String(headers[name]);
    }
    return "";
  }

  function fetcherFor(authorization) {
    if (!fetchers[authorization]) {
      for (var previous in fetchers) fetchers[previous].wsClient.dispose();
      var wsClient = graphqlWs.createClient({
        url: wsEndpoint,
        lazy: true,
        connectionParams: authorization ? { Authorization: authorization } : {},
      });
      fetchers = {};
      fetchers[authorization] = {
        wsClient: wsClient,
        fetch: GraphiQL.createFetcher({ url: endpoint.href, wsClient: wsClient }),
      };
    }
    return fetchers[authorization].fetch;
  }

  function fetcher(params, options) {
    var headers = options && options.headers;
    return fetcherFor(authorizationOf(headers))(params, options);
  }

  var defaultQuery = [
    "# Welcome to Vitrine. Press the run button (or Ctrl-Enter).",
    "# Sign in with `login` (demo: customer@vitrine.kz / customer-demo-2026) and put",
    '# {"Authorization": "Bearer <accessToken>"} in Headers below: it is used over HTTP',
    "# and, for subscriptions, in the WebSocket's connection_init.",
    "",
    "query FirstProducts {",
    "  products(first: 5) {",
    "    name",
    "    price { amount currency }",
    "    offers { shop { name } price { amount } stock }",
    "  }",
    "}",
    "",
  ].join("\n");

  // A link can open GraphiQL on an operation: /graphql?query=…&variables=…&headers=…
  var link = new URLSearchParams(window.location.search);

  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      query: link.get("query") || undefined,
      variables: link.get("variables") || undefined,
      headers: link.get("headers") || undefined,
      shouldPersistHeaders: true,
      defaultEditorToolsVisibility: true,
    })
  );
})();
