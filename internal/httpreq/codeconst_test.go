package httpreq

import "testing"

// A body built in code carries its constants as JSON would: the same
// judgements then apply to fetch, requests and Net::HTTP as to curl.
func TestCodeConstants(t *testing.T) {
	runClientCases(t, []struct {
		in   string
		want []string
	}{
		{`node -e "fetch('https://api.example.com/z/purge_cache',{method:'POST',body:JSON.stringify({purge_everything:true})})"`, []string{`node fetch POST https://api.example.com:443/z/purge_cache B[purge_everything=true]`}},
		{`python3 -c "import requests; requests.post('https://api.example.com/x', json={'force': True, 'keep': None})"`, []string{`python requests.post POST https://api.example.com:443/x B[force=true] B[keep=null]`}},
		{`ruby -e 'require "net/http"; Net::HTTP.post(URI("https://api.example.com/x"), {enabled: false}.to_json)'`, []string{`ruby Net::HTTP.post POST https://api.example.com:443/x B[enabled=false]`}},
		{`node -e "const b={replicas:0,dry:undefined}; fetch('https://api.example.com/x',{method:'PATCH',body:JSON.stringify(b)})"`, []string{`node fetch PATCH https://api.example.com:443/x B[replicas=0] B[dry=null]`}},
		{`ruby -e 'require "net/http"; u=URI("https://api.example.com/c1"); r=Net::HTTP::Patch.new(u); r.body={deletion_protection: false}.to_json; Net::HTTP.start(u.host,u.port,use_ssl:true){|h| h.request(r)}'`, []string{`ruby Net::HTTP::Patch.new PATCH https://api.example.com:443/c1 B[deletion_protection=false]`}},
		{`ruby -e 'require "net/http"; u=URI("https://api.example.com/c1"); req = Net::HTTP::Post.new(u); req.set_form_data("force" => "true"); Net::HTTP.start(u.host,u.port){|h| h.request(req)}'`, []string{`ruby Net::HTTP::Post.new POST https://api.example.com:443/c1 B[force=true]`}},
		{`node -e "const https=require('https'); const r=https.request({hostname:'api.example.com',path:'/z/purge_cache',method:'POST'}); r.write(JSON.stringify({purge_everything:true})); r.end()"`, []string{`node https.request POST https://api.example.com:443/z/purge_cache B[purge_everything=true]`}},
		{`python3 -c "import http.client,json; c=http.client.HTTPSConnection('api.example.com'); c.request('POST','/z', body=json.dumps({'force': True}))"`, []string{`python http.client POST https://api.example.com:443/z B[force=true]`}},
		{`python3 -c "import requests; requests.post('https://api.example.com/x', json={'flag': truecolor})"`, []string{`python requests.post POST https://api.example.com:443/x B[flag=${truecolor}]`}},
	})
}
