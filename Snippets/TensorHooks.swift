// Autograd with tensor hooks, as PyTorch's `register_hook`: one hook observes a gradient,
// another replaces the gradient that flows on.
import LumenTensor

// snippet.show
let w = Tensor(1.0, requiresGrad: true), x = Tensor(2.0, requiresGrad: true)
let a = w + x, b = w + 1
let y = a * b                                     // y = (w + x)(w + 1)
a.registerHook { grad in print("dy/da =", grad) } // observes: tensor(2.)
let doubling = w.registerHook { grad in grad * 2 } // replaces w's gradient
try y.backward()
doubling.remove()
print(w.grad!, x.grad!)                            // tensor(10.) tensor(2.)
