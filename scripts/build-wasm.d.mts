// Types of build-wasm.mjs (imported by src/core/nn/wasm/kernels.test.ts).
export function assemble(source: string): Promise<{ plain: string; shared: string }>;
export function render(variants: { plain: string; shared: string }): string;
