/*
 * switch_x86_64.S -- void gort__ctx_switch(gort__ctx *from, gort__ctx *to)
 * System V: save the callee-saved registers, MXCSR and the x87 control word
 * on the current stack, store sp in from->sp, load to->sp, restore, return.
 */
#if defined(__x86_64__)
    .text
    .globl gort__ctx_switch
    .hidden gort__ctx_switch
    .type gort__ctx_switch, @function
gort__ctx_switch:
    .cfi_startproc
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $8, %rsp
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    movq %rsp, (%rdi)
    movq (%rsi), %rsp
    ldmxcsr (%rsp)
    fldcw 4(%rsp)
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .cfi_endproc
    .size gort__ctx_switch, .-gort__ctx_switch

    .globl gort__ctx_start
    .hidden gort__ctx_start
    .type gort__ctx_start, @function
gort__ctx_start:
    .cfi_startproc
    .cfi_undefined rip
    xorl %ebp, %ebp
    call *%r12
    ud2
    .cfi_endproc
    .size gort__ctx_start, .-gort__ctx_start
#endif
    .section .note.GNU-stack,"",@progbits
