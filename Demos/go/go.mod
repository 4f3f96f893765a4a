module leakkb.dev/demos

go 1.22
