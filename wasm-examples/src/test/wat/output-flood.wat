;; A runaway module: writes empty output items without end, so only a cap on the number of items
;; (not the byte cap) stops it early.
(module
  (import "camelot" "output" (func $output (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "run")
    (loop $more
      (call $output (i32.const 0) (i32.const 0))
      (br $more))))
