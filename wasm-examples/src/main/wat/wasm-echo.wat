;; wasm-echo: returns "RESULT: <input>" for every input item, like the Java echo-result.
;; ABI: docs/workloads.md ("The WASM ABI").
(module
  (import "camelot" "input_count" (func $input_count (result i32)))
  (import "camelot" "input_size" (func $input_size (param i32) (result i32)))
  (import "camelot" "input_read" (func $input_read (param i32 i32) (result i32)))
  (import "camelot" "output" (func $output (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "RESULT: ")

  ;; Grows memory so that [0, end) is addressable.
  (func $ensure (param $end i32)
    (local $pages i32)
    (local.set $pages (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)))
    (if (i32.gt_u (local.get $pages) (memory.size))
      (then (drop (memory.grow (i32.sub (local.get $pages) (memory.size)))))))

  (func (export "run")
    (local $i i32) (local $n i32) (local $size i32)
    (local.set $n (call $input_count))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $size (call $input_size (local.get $i)))
        ;; The answer is built at 64: the 8-byte prefix, then the input.
        (call $ensure (i32.add (i32.const 72) (local.get $size)))
        (memory.copy (i32.const 64) (i32.const 0) (i32.const 8))
        (drop (call $input_read (local.get $i) (i32.const 72)))
        (call $output (i32.const 64) (i32.add (i32.const 8) (local.get $size)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))))
