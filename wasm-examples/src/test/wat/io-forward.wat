;; Test module: calls the connector named by input 0 with input 1 as the request, and outputs the
;; connector's response. Exercises the io_call ABI and the worker's connector policies.
(module
  (import "camelot" "input_size" (func $input_size (param i32) (result i32)))
  (import "camelot" "input_read" (func $input_read (param i32 i32) (result i32)))
  (import "camelot" "io_call" (func $io_call (param i32 i32 i32 i32) (result i32)))
  (import "camelot" "io_response" (func $io_response (param i32) (result i32)))
  (import "camelot" "output" (func $output (param i32 i32)))
  (import "camelot" "log" (func $log (param i32 i32)))
  (memory (export "memory") 4)
  (data (i32.const 0) "io-forward calling a connector")
  (func (export "run")
    (local $name i32) (local $request i32) (local $response i32)
    (call $log (i32.const 0) (i32.const 30))
    ;; name at 1024, request at 4096, response at 65536 (inputs in tests are small)
    (local.set $name (call $input_size (i32.const 0)))
    (drop (call $input_read (i32.const 0) (i32.const 1024)))
    (local.set $request (call $input_size (i32.const 1)))
    (drop (call $input_read (i32.const 1) (i32.const 4096)))
    (local.set $response
      (call $io_call (i32.const 1024) (local.get $name) (i32.const 4096) (local.get $request)))
    (drop (call $io_response (i32.const 65536)))
    (call $output (i32.const 65536) (local.get $response))))
