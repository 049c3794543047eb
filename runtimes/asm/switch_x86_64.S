/*
 * switch_x86_64.S -- void gort__ctx_switch(gort__ctx *from, gort__ctx *to)
 * System V: save the callee-saved registers, MXCSR and the x87 control word
 * on the current stack, store sp in from->sp, load to->sp, restore, return.
 * MXCSR and the control word are loaded only where they differ from the
 * ones left behind (a changed rounding mode, or MXCSR's sticky exception
 * flags raised by one side's arithmetic): the loads cost a ping-pong round
 * trip at one worker about 2.5 ns of 44 (Intel Xeon).  The values are
 * compared at their own widths, since one 8-byte load of the two just
 * stored cannot take them from the store buffer (it cost 6 ns).
 *
 * A fresh context (switch.c) has its saved sp tagged with bit 0 and is
 * entered by a jump to gort__ctx_start, not a return: a return there would
 * be one the CPU's return-address predictor cannot foresee, and the
 * predictions that the switching context pushed stay on it, in order, for
 * the context that the new one will resume when it ends (ctx.h).
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
    movl (%rsp), %ecx
    movzwl 4(%rsp), %edx
    movq (%rsi), %rax
.Lresume: /* rax: the saved sp to resume; ecx, dx: MXCSR, x87cw now in force */
    testb $1, %al
    jnz gort__ctx_start
    movq %rax, %rsp
    cmpl (%rsp), %ecx
    jne .Lload_fpenv
    cmpw 4(%rsp), %dx
    jne .Lload_fpenv
.Lfpenv_done:
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
.Lload_fpenv:
    ldmxcsr (%rsp)
    fldcw 4(%rsp)
    jmp .Lfpenv_done
    .cfi_endproc
    .size gort__ctx_switch, .-gort__ctx_switch

/* rax: a fresh context's tagged sp, pointing at MXCSR|x87cw and the entry
 * function.  The entry returns the context to resume, whose switch has
 * saved nothing for this one: its stack is dead from here on. */
    .type gort__ctx_start, @function
gort__ctx_start:
    .cfi_startproc
    .cfi_undefined rip
    leaq -1(%rax), %rsp
    ldmxcsr (%rsp)
    fldcw 4(%rsp)
    movq 8(%rsp), %rcx
    addq $16, %rsp
    xorl %ebp, %ebp
    call *%rcx
    movq (%rax), %rax
    movl $-1, %ecx /* no MXCSR (its top half is reserved, 0): load it */
    jmp .Lresume
    .cfi_endproc
    .size gort__ctx_start, .-gort__ctx_start
#endif
    .section .note.GNU-stack,"",@progbits
