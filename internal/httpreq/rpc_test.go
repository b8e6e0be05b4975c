package httpreq

import "testing"

// gRPC clients other than grpcurl, WebSocket clients and restish.
func TestRPCClients(t *testing.T) { runClientCases(t, rpcCases) }

var rpcCases = []struct {
	in   string
	want []string
}{
	{`ghz --insecure --call shop.Orders/DeleteOrder -d '{"id":"1"}' orders:50051`, []string{`ghz POST http://orders:50051/shop.Orders/DeleteOrder B[{"id":"1"}]`}},
	{`ghz --call=shop.Orders.GetOrder orders.example.com:443`, []string{`ghz POST https://orders.example.com:443/shop.Orders/GetOrder`}},
	{`ghz --insecure orders:50051`, nil},
	{`buf curl --data '{"id":"1"}' https://api.example.com/users.v1.Users/DeleteUser`, []string{`buf curl POST https://api.example.com:443/users.v1.Users/DeleteUser B[{"id":"1"}]`}},
	{`buf curl --list-methods https://api.example.com`, nil},
	{`buf lint`, nil},
	{`grpc_cli call api.example.com:443 users.Users.DeleteUser "id: 1"`, []string{`grpc_cli POST https://api.example.com:443/users.Users/DeleteUser B[id: 1]`}},
	{`grpc_cli ls api.example.com:443`, nil},
	{`echo '{"op":"drop"}' | websocat wss://ws.example.com/x`, []string{`websocat POST https://ws.example.com:443/x B[{"op":"drop"}]`}},
	{`websocat -s 8080`, nil},
	{`websocat wss://ws.example.com/x`, nil},
	{`wscat -c ws://ws.example.com:8080/x -x '{"op":"drop"}'`, []string{`wscat POST http://ws.example.com:8080/x B[{"op":"drop"}]`}},
	{`wscat -c wss://ws.example.com/x`, nil},
	{`restish delete api.example.com/v1/items/1`, []string{`restish DELETE https://api.example.com:443/v1/items/1`}},
	{`restish api.example.com/v1/items`, []string{`restish GET https://api.example.com:443/v1/items`}},
	{`restish patch https://api.example.com/v1/items/1 status: deleted`, []string{`restish PATCH https://api.example.com:443/v1/items/1 B[status=deleted]`}},
	{`restish myapi list-items`, nil},
	{`evans --host api.example.com --port 443 --tls -r cli call shop.Orders.DeleteOrder --file d.json`, []string{`evans POST https://api.example.com:443/shop.Orders/DeleteOrder unread[file d.json]`}},
	{`evans -r cli call shop.Orders.GetOrder`, []string{`evans POST http://127.0.0.1:50051/shop.Orders/GetOrder`}},
	{`evans -r repl`, nil},
}
