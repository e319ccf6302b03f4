package search

import (
	"runtime"
	"sort"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
)

const benchProjects = 10000

func benchSnapshot(b *testing.B) *catalog.Snapshot {
	b.Helper()
	return catalog.NewSnapshot(catalogtest.Generate(benchProjects, 1))
}

// benchQueries are every prefix, 1 to 12 characters, of what visitors
// type: pinyin in full and by initials, English, Chinese characters.
func benchQueries() []string {
	var qs []string
	for _, s := range []string{"zhihuiyiliao", "daolanjiqire", "sljkjgs12hao", "guide robot ", "inspection d", "示例科技12公司智慧医疗", "supply chain", "xunjianwuren"} {
		rs := []rune(s)
		for n := 1; n <= 12 && n <= len(rs); n++ {
			qs = append(qs, string(rs[:n]))
		}
	}
	return qs
}

// BenchmarkSearch: go test -run=^$ -bench=. -benchmem ./store/search
func BenchmarkSearch(b *testing.B) {
	x := Build(benchSnapshot(b))
	qs := benchQueries()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		x.Search(qs[i%len(qs)], catalog.Hans, 50)
	}
}

// BenchmarkSearchP99 reports the 50th and 99th percentile of single query
// times over the query set, in each language.
func BenchmarkSearchP99(b *testing.B) {
	x := Build(benchSnapshot(b))
	qs := benchQueries()
	var times []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q, l := qs[i%len(qs)], catalog.Langs[(i/len(qs))%3]
		start := time.Now()
		x.Search(q, l, 50)
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(times[len(times)-1].Microseconds()), "max-µs")
}

func BenchmarkBuild(b *testing.B) {
	snap := benchSnapshot(b)
	for b.Loop() {
		Build(snap)
	}
}

// BenchmarkIndexMemory reports the heap an index of 10,000 projects holds
// beyond its snapshot.
func BenchmarkIndexMemory(b *testing.B) {
	snap := benchSnapshot(b)
	var x *Index
	var before, after runtime.MemStats
	for b.Loop() {
		x = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		x = Build(snap)
		x.Search("zhihui", catalog.Hans, 50) // and its per-query scratch
		runtime.GC()
		runtime.ReadMemStats(&after)
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "index-MiB")
	b.ReportMetric(float64(len(x.units)), "units")
	b.ReportMetric(float64(len(x.terms)), "terms")
	runtime.KeepAlive(x)
}
