;; Test module: refuses every work order through the fail import.
(module
  (import "camelot" "fail" (func $fail (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "bids must be positive")
  (func (export "run")
    (call $fail (i32.const 0) (i32.const 21))))
