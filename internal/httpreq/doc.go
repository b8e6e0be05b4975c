// Package httpreq reads the HTTP requests a command would make: the
// method, the URL, the headers, the body, and where the credential comes
// from, read the same way from every client.
//
// [FromInvocation] reads command-line clients: curl (and curlie), wget and
// wget2, HTTPie and xh (http, https, xh, xhs), gh api, lwp-request and the
// httpx command. [FromCode] reads one-liners in Python (requests, httpx,
// urllib.request, http.client), JavaScript (fetch, axios, got, superagent),
// Ruby (Net::HTTP, HTTParty, RestClient, Faraday), PHP (curl_setopt,
// file_get_contents with a stream context, Guzzle), Perl (LWP) and
// PowerShell (Invoke-RestMethod). Bodies come from the command line, from
// text the command feeds the client on stdin (a heredoc, a here-string,
// echo ... |), from files the same command wrote, and from $(...) whose
// output guard knows.
//
// [Operations] scans a GraphQL document into its operations and their
// top-level fields, and [Documents] finds the GraphQL documents a request
// body carries (a JSON "query" string, a form field, a raw document). The
// package describes requests; judging them is the rules' work.
package httpreq
