;; Test module: calls the connector named by input 0 with each later input in turn as the request,
;; in one work order, and outputs each response. Shows what a work order sees of its own connector
;; writes, and that a call failing after a write fails the whole work order.
(module
  (import "camelot" "input_count" (func $input_count (result i32)))
  (import "camelot" "input_size" (func $input_size (param i32) (result i32)))
  (import "camelot" "input_read" (func $input_read (param i32 i32) (result i32)))
  (import "camelot" "io_call" (func $io_call (param i32 i32 i32 i32) (result i32)))
  (import "camelot" "io_response" (func $io_response (param i32) (result i32)))
  (import "camelot" "output" (func $output (param i32 i32)))
  (memory (export "memory") 4)
  (func (export "run")
    (local $name i32) (local $i i32) (local $request i32) (local $response i32)
    ;; name at 1024, each request at 4096, each response at 65536 (inputs in tests are small)
    (local.set $name (call $input_size (i32.const 0)))
    (drop (call $input_read (i32.const 0) (i32.const 1024)))
    (local.set $i (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (call $input_count)))
        (local.set $request (call $input_size (local.get $i)))
        (drop (call $input_read (local.get $i) (i32.const 4096)))
        (local.set $response
          (call $io_call (i32.const 1024) (local.get $name) (i32.const 4096) (local.get $request)))
        (drop (call $io_response (i32.const 65536)))
        (call $output (i32.const 65536) (local.get $response))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))))
