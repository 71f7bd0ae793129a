// Tensor hooks, as in PyTorch:
//   w = 1, x = 2, a = w + x, b = w + 1, y = a · b
// A hook on `a` sees its gradient (b = 2); a hook on `w` that doubles its gradient makes
// w.grad = 2 · (b + a) = 10, while x.grad = b = 2.
import LumenTensor

let w = Tensor(1.0, requiresGrad: true)
let x = Tensor(2.0, requiresGrad: true)
let a = w + x
let b = w + 1
let y = a * b

a.registerHook { grad in print("gradient at a:", grad.item()) }
let handle = w.registerHook { grad in grad * 2 }

do {
    try y.backward()
} catch {
    fatalError("\(error)")
}
handle.remove()
print("w.grad:", w.grad!.item())
print("x.grad:", x.grad!.item())
