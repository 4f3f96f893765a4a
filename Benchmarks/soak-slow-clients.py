#!/usr/bin/env python3
"""Slow clients for `Benchmarks/run soak`: keeps N connections that send a request head one byte at a
time, and N that connect and send nothing, reopening each one the server closes, for a given time.
Prints how many connections were opened and how many the server closed."""
import socket, sys, time

port, count, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 4000 + b"\r\n\r\n"
opened = closed = 0

def connect():
    global opened
    s = socket.create_connection(("127.0.0.1", port))
    s.setblocking(False)
    opened += 1
    return [s, 0]

slow = [connect() for _ in range(count)]
idle = [connect() for _ in range(count)]
end = time.time() + seconds
while time.time() < end:
    for group, sending in ((slow, True), (idle, False)):
        for entry in group:
            s, sent = entry
            try:
                if sending:
                    s.send(head[sent % len(head):sent % len(head) + 1])
                    entry[1] += 1
                if s.recv(1) == b"":
                    raise ConnectionResetError
            except BlockingIOError:
                continue
            except OSError:
                closed += 1
                s.close()
                entry[:] = connect()
    time.sleep(0.5)
print(f"slow clients: {opened} connections opened, {closed} closed by the server")
