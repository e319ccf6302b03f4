module showhall

go 1.26.8
