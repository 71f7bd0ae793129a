import Dispatch
import LumenTensor
import Testing

@Suite("HookList: torch's ordered hook dictionaries and RemovableHandle")
struct HookListTests {
    @Test("hooks run in registration order; prepend puts a hook before the others")
    func order() {
        let list = HookList<String>()
        list.add("first")
        list.add("second")
        list.add("prepended", prepend: true)
        #expect(list.hooks == ["prepended", "first", "second"])
    }

    @Test("a handle removes only its own hook, once; removing it again does nothing")
    func removal() {
        let list = HookList<String>()
        let first = list.add("first")
        list.add("second")
        first.remove()
        first.remove()
        #expect(list.hooks == ["second"])
        #expect(!list.isEmpty)
    }

    @Test("an array read before a removal or an addition keeps the hooks it had, as torch's copy of the values")
    func readArrayIsFixed() {
        let list = HookList<String>()
        let first = list.add("first")
        let read = list.hooks
        first.remove()
        list.add("added")
        #expect(read == ["first"])
        #expect(list.hooks == ["added"])
    }

    @Test("a combined handle removes hooks from several lists; handles of released lists do nothing")
    func combined() {
        let strings = HookList<String>(), numbers = HookList<Int>()
        var released: HookList<String>? = HookList()
        let handle = RemovableHandle(combining: [strings.add("a"), numbers.add(1), released!.add("gone")])
        strings.add("kept")
        released = nil
        handle.remove()
        #expect(strings.hooks == ["kept"])
        #expect(numbers.isEmpty)
    }

    @Test("handle ids are unique across lists, as torch's RemovableHandle.next_id")
    func uniqueIDs() {
        let a = HookList<String>(), b = HookList<String>()
        let ids = [a.add("x").id, b.add("y").id, a.add("z").id]
        #expect(Set(ids).count == 3)
    }

    @Test("a synchronized list takes registrations and removals from many threads")
    func synchronized() {
        nonisolated(unsafe) let list = HookList<Int>(synchronized: true)
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            let handle = list.add(i)
            _ = list.hooks
            if i % 2 == 0 { handle.remove() }
        }
        #expect(list.hooks.sorted() == Array(stride(from: 1, to: 200, by: 2)))
    }

    @Test("a tensor hook that removes itself and a later hook still sees both run in that backward, not the next")
    func removalInsideBackward() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let log = Log()
        var handles: [RemovableHandle] = []
        handles.append(x.registerHook { (_: Tensor) -> Void in
            log.events.append("first")
            handles.forEach { $0.remove() }
        })
        handles.append(x.registerHook { _ in log.events.append("second") })
        try (x * 2).sum().backward()
        try (x * 2).sum().backward()
        #expect(log.events == ["first", "second"])
    }
}
