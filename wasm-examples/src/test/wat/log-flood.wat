;; A chatty module: logs 100 lines of 4096 bytes each (400 KiB), then outputs "done".
(module
  (import "camelot" "log" (func $log (param i32 i32)))
  (import "camelot" "output" (func $output (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "done")
  (func (export "run")
    (local $i i32)
    (memory.fill (i32.const 16) (i32.const 120) (i32.const 4096))
    (loop $more
      (call $log (i32.const 16) (i32.const 4096))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $more (i32.lt_u (local.get $i) (i32.const 100))))
    (call $output (i32.const 0) (i32.const 4))))
