// Taro primitives rendered as plain DOM for jsdom component tests.
import React from 'react'

type AnyProps = Record<string, unknown> & { children?: React.ReactNode; className?: string }

function mapEvents(props: AnyProps): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(props)) {
    if (k === 'onInput' || k === 'onConfirm') out.onChange = (e: { target: { value: string } }) => (v as (x: unknown) => void)({ detail: { value: e.target.value } })
    else if (k === 'onTap') out.onClick = v
    else if (!['hoverClass', 'placeholderClass', 'scrollY', 'scrollX', 'devicePosition', 'flash', 'mode', 'enableBackToTop', 'refresherEnabled', 'refresherTriggered', 'onRefresherRefresh', 'onScrollToLower', 'maxlength', 'confirmType', 'adjustPosition'].includes(k)) out[k] = v
  }
  return out
}

const make = (tag: string) =>
  React.forwardRef<HTMLElement, AnyProps>(function TaroPrimitive(props, ref) {
    return React.createElement(tag, { ...mapEvents(props), ref })
  })

export const View = make('div')
export const Text = make('span')
export const Button = make('button')
export const Image = make('img')
export const ScrollView = make('div')
export const Form = make('form')
export const Label = make('label')
export const Camera = make('div')
export const Canvas = make('canvas')
export const Textarea = make('textarea')
export const Input = React.forwardRef<HTMLInputElement, AnyProps>(function TaroInput(props, ref) {
  return React.createElement('input', { ...mapEvents(props), value: props.value ?? '', ref })
})
export const Picker = make('div')
export const Swiper = make('div')
export const SwiperItem = make('div')
export const Icon = make('i')
export const RichText = make('div')
