package rules

import (
	"net/url"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/wordlist"
)

// A CDN's purge API takes the URLs or paths to drop (Bunny's
// /purge?url=, KeyCDN's and CDN77's urls or paths lists, Cloudflare's
// files and prefixes, Azure Front Door's contentPaths, Akamai's objects).
// One that names a wildcard at a site's root (https://cdn.example.com/*,
// /*, *) or a prefix that is the whole host drops everything the CDN
// holds for it, as cloud.cache-purge-all reads for CloudFront's --paths:
// every request then goes to the origin at once. A wildcard under a path
// (/live/*, /assets/*) is a prefix, and passes.

// purgePathWords are the word parts of a REST path that name a purge.
const purgePathWords = "purge purges purging invalidate invalidation invalidations ban bans"

// purgeTargetKeys are the body and query keys whose values are what a
// purge drops.
const purgeTargetKeys = "url urls path paths file files prefix prefixes object objects items " +
	"contentpaths content_paths pattern patterns uri uris"

// purgesWholeSite says why a purge request names every object of a site,
// or returns "".
func purgesWholeSite(r *httpreq.Request) string {
	purge := false
	for _, seg := range strings.Split(strings.Trim(r.Path, "/"), "/") {
		for _, p := range httpreq.WordParts(seg) {
			if wordlist.Has(purgePathWords, p) {
				purge = true
			}
		}
	}
	if !purge {
		return ""
	}
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	if last := httpreq.WordParts(segs[len(segs)-1]); len(last) == 2 && last[0] == "purge" && last[1] == "cache" &&
		r.Query == "" && len(r.Body) == 0 && len(r.Unread) == 0 {
		// Bunny's /pullzone/ID/purgeCache with nothing to name drops the
		// whole zone.
		return "which purges the whole cache (" + segs[len(segs)-1] + " names no URL, path or tag), so that every request goes to the origin at once"
	}
	for _, v := range r.Values() {
		key := strings.ToLower(v.Key)
		if !wordlist.Has(purgeTargetKeys, key) {
			continue
		}
		if siteRoot(v.Text, strings.HasPrefix(key, "prefix")) {
			return "which purges " + v.Text + ", every object the CDN caches for the site, so that every request goes to the origin at once"
		}
	}
	return ""
}

// siteRoot reports whether a purge target covers a whole site: a
// wildcard at the root of a URL or path, or, for a prefix, a host alone.
func siteRoot(s string, prefix bool) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "$`") {
		return false
	}
	p := s
	if i := strings.Index(s, "://"); i > 0 {
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return false
		}
		p = u.Path
	} else if host, rest, _ := strings.Cut(s, "/"); hostName(host) {
		// Cloudflare's prefixes and KeyCDN's urls are written without a
		// scheme: www.example.com/blog.
		p = "/" + rest
	}
	switch p {
	case "*", "/*", "/**", "*/*", "/.*":
		return true
	case "", "/":
		return prefix
	}
	return false
}

// hostName reports whether s is written as a DNS name with a dot:
// letters, digits, hyphens and dots, and a port.
func hostName(s string) bool {
	if !strings.Contains(s, ".") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !(c >= 'a' && c <= 'z' || s[i] >= '0' && s[i] <= '9' || s[i] == '-' || s[i] == '.' || s[i] == ':') {
			return false
		}
	}
	return true
}
