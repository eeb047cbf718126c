// These tests start real bot processes and a browser. On the 2 shared cores of the CI machine, running them side by
// side made the timing-bounded ones (the crash test's seconds of traffic before the kill) starve; one at a time,
// each gets the machine, and the whole project still takes well under a minute.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
