/*
 * switch_aarch64.S -- void gort__ctx_switch(gort__ctx *from, gort__ctx *to)
 * AAPCS64: save x19-x30, d8-d15 and FPCR in a 176-byte frame, store sp in
 * from->sp, load to->sp, restore, return through x30.  A fresh context's
 * saved sp is tagged with bit 0: it is entered by a branch to
 * gort__ctx_start, for the reason switch_x86_64.S gives.
 */
#if defined(__aarch64__)
    .text
    .globl gort__ctx_switch
    .hidden gort__ctx_switch
    .type gort__ctx_switch, %function
gort__ctx_switch:
    sub sp, sp, #176
    stp x19, x20, [sp, #0]
    stp x21, x22, [sp, #16]
    stp x23, x24, [sp, #32]
    stp x25, x26, [sp, #48]
    stp x27, x28, [sp, #64]
    stp x29, x30, [sp, #80]
    stp d8, d9, [sp, #96]
    stp d10, d11, [sp, #112]
    stp d12, d13, [sp, #128]
    stp d14, d15, [sp, #144]
    mrs x9, fpcr
    str x9, [sp, #160]
    mov x9, sp
    str x9, [x0]
    ldr x9, [x1]
.Lresume: /* x9: the saved sp of the context to resume */
    tbnz x9, #0, gort__ctx_start
    mov sp, x9
    ldp x19, x20, [sp, #0]
    ldp x21, x22, [sp, #16]
    ldp x23, x24, [sp, #32]
    ldp x25, x26, [sp, #48]
    ldp x27, x28, [sp, #64]
    ldp x29, x30, [sp, #80]
    ldp d8, d9, [sp, #96]
    ldp d10, d11, [sp, #112]
    ldp d12, d13, [sp, #128]
    ldp d14, d15, [sp, #144]
    ldr x9, [sp, #160]
    msr fpcr, x9
    add sp, sp, #176
    ret
    .size gort__ctx_switch, .-gort__ctx_switch

/* x9: a fresh context's tagged sp, pointing at the entry and FPCR.  The
 * entry returns the context to resume in x0. */
    .type gort__ctx_start, %function
gort__ctx_start:
    sub x9, x9, #1
    mov sp, x9
    ldp x10, x11, [sp]
    msr fpcr, x11
    add sp, sp, #16
    mov x29, #0
    mov x30, #0
    blr x10
    ldr x9, [x0]
    b .Lresume
    .size gort__ctx_start, .-gort__ctx_start
#endif
    .section .note.GNU-stack,"",%progbits
