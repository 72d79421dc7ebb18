;; A runaway module: loops forever, so only the instruction budget or the timeout stops it.
(module
  (memory (export "memory") 1)
  (func (export "run")
    (loop $forever (br $forever))))
