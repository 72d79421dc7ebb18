;; A module with a small table that grows it by a million elements at run time.
(module
  (memory (export "memory") 1)
  (table 1 funcref)
  (func (export "run")
    (drop (table.grow (ref.null func) (i32.const 1000000)))))
