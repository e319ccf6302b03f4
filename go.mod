module showhall

go 1.26.8

require (
	github.com/disintegration/imaging v1.6.2 // indirect
	go.etcd.io/bbolt v1.4.3 // indirect
	golang.org/x/image v0.47.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
